"""The QI charts in a real browser: the demo project that the public-page tests
visit has an XmR chart and a run chart, a driver diagram, PDSA cycles and
progress scores, and none of it has an axe violation."""

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

COHORT = "/quality-improvement-fellowship/2014-15/"


@pytest.fixture(scope="module")
def project_url(server):
    """The first project of the cohort, as tests/browser/test_public_pages.py
    finds it."""
    with urllib.request.urlopen(server + COHORT) as response:  # noqa: S310
        html = response.read().decode()
    return re.search(r'class="nhsuk-card__link" href="([^"]+)"', html)[1]


def test_project_charts_have_no_axe_violations(server, project_url, page, screenshot):
    page.goto(server + project_url)
    assert page.locator("text=What the XmR chart shows").count() == 2
    assert page.locator("text=What the run chart shows").count() == 1
    for summary in page.locator(".app-measure summary").all():
        summary.click()  # open every data table
    assert page.locator(".app-measure table").first.is_visible()
    screenshot(page, "project-charts")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_charts_have_accessible_names(server, project_url, page):
    page.goto(server + project_url)
    charts = page.get_by_role("img", name=re.compile(r": (XmR|run) chart "))
    assert charts.count() == 3


def test_update_with_pdsa_cycle_has_no_axe_violations(
    server, project_url, page, screenshot
):
    page.goto(server + project_url)
    page.locator("#pdsa-cycles ~ table a").first.click()
    assert page.locator("#pdsa-cycles").is_visible()
    assert page.locator("text=Act: decision").first.is_visible()
    screenshot(page, "update-pdsa")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_charts_fit_a_320px_screen(server, project_url, browser, screenshot, visit):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    visit(page, server + project_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "project-charts-320")
    context.close()
    assert width <= 320


def test_chart_keys_and_summaries_fit_a_375px_screen(
    server, project_url, browser, screenshot, visit
):
    """Each chart's numbered PDSA key is part of the chart, the balancing
    measure's summary reads as harm, and nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    visit(page, server + project_url)
    keys = page.locator(".app-measure svg .qi-pdsa-key")
    harm = page.locator(".app-measure li", has_text=re.compile(r"^Balancing measure: "))
    counts = keys.count(), harm.count()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth,"
        " ...[...document.querySelectorAll('.app-measure')].map(e => e.scrollWidth)]"
    )
    screenshot(page, "project-charts-375")
    context.close()
    assert counts == (3, 1)
    assert max(widths) <= 375
