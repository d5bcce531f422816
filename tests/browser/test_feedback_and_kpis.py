"""A fellow gives feedback on a session from their dashboard; the public "How
we are doing" board and a KPI's chart page pass axe."""

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_fellow_workflow import sign_in

pytestmark = pytest.mark.browser

BOARD = "/quality-improvement-fellowship/how-we-are-doing/"


def test_fellow_gives_feedback_from_their_dashboard(browser, server, screenshot):
    fellow = sign_in(browser, server, "fellow")
    panel = fellow.locator("#feedback-sessions")
    panel.get_by_role("link", name=re.compile("^Give feedback")).first.click()
    fellow.wait_for_load_state("load")
    for question, score in (("overall", "4"), ("relevance", "5"), ("recommend", "3")):
        fellow.locator(f'input[name="{question}"][value="{score}"]').check()
    fellow.fill("#id_comment", "Good to meet last year's fellows.")
    screenshot(fellow, "fellow-feedback-form")
    with fellow.expect_navigation():
        fellow.get_by_role("button", name="Send your feedback").click()

    assert fellow.url == server + "/admin/"
    assert "your feedback on" in fellow.content()
    row = fellow.locator("#feedback-sessions tbody tr").filter(
        has=fellow.get_by_role("link", name=re.compile("^Change your feedback"))
    )
    assert row.count() == 1
    status = row.locator("td.state").inner_text().lower()  # shown in capitals
    assert status.startswith("given")

    row.get_by_role("link", name=re.compile("^Change your feedback")).click()
    fellow.wait_for_load_state("load")
    assert fellow.locator('input[name="relevance"][value="5"]').is_checked()
    assert fellow.input_value("#id_comment") == "Good to meet last year's fellows."


def kpi_link(server):
    with urllib.request.urlopen(server + BOARD) as response:  # noqa: S310
        html = response.read().decode()
    return re.search(r'<a href="(/[^"]+/how-we-are-doing/\d+/)">Attendance', html)[1]


@pytest.mark.parametrize("which", ["board", "kpi"])
def test_kpi_pages_have_no_axe_violations(server, page, visit, screenshot, which):
    url = BOARD if which == "board" else kpi_link(server)

    response = visit(page, server + url)

    assert response.status == 200
    screenshot(page, f"how-we-are-doing-{which}")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("which", ["board", "kpi"])
def test_kpi_pages_do_not_scroll_sideways_at_320px(server, browser, visit, which):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    visit(page, server + (BOARD if which == "board" else kpi_link(server)))
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320
