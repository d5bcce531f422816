import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

CARD_LINK = re.compile(r'class="nhsuk-card__link" href="([^"]+)"')
PROGRAMME = "/quality-improvement-fellowship/"
COHORT = PROGRAMME + "2014-15/"


def first_card_link(server, path):
    with urllib.request.urlopen(server + path) as response:  # noqa: S310
        return CARD_LINK.search(response.read().decode())[1]


@pytest.fixture(scope="module")
def public_pages(server):
    """One URL for every public page type, found the way a reader would."""
    project = first_card_link(server, COHORT)
    with urllib.request.urlopen(server + project) as response:  # noqa: S310
        update = re.search(
            r'<h3 class="nhsuk-heading-s"><a href="([^"]+)"', response.read().decode()
        )[1]
    return {
        "home": "/",
        "standard": "/about/",
        "programme": PROGRAMME,
        "cohort": COHORT,
        "project": project,
        "update": update,
        "fellow-index": "/fellows/",
        "fellow-profile": first_card_link(server, "/fellows/"),
        "cohort-outcomes": COHORT + "outcomes/",
        "programme-impact": PROGRAMME + "impact/",
        "fellow-directory-filtered": "/fellows/?profession=nurse",
        "module-index": "/modules/",
        "learning-module": first_card_link(server, "/modules/"),
        "search": "/search/?q=falls",
        "showcase": "/search/?status=testing",
        "not-found": "/no-such-page/",
    }


PAGE_TYPES = [
    "home",
    "standard",
    "programme",
    "cohort",
    "project",
    "update",
    "cohort-outcomes",
    "programme-impact",
    "fellow-index",
    "fellow-directory-filtered",
    "fellow-profile",
    "module-index",
    "learning-module",
    "search",
    "showcase",
    "not-found",
]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_no_axe_violations(
    server, public_pages, page, screenshot, visit, name
):
    response = visit(page, server + public_pages[name])
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, f"{name}-1280")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_no_axe_violations_at_375px(
    server, public_pages, browser, screenshot, visit, name
):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    response = visit(page, server + public_pages[name])
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, f"{name}-375")
    results = Axe().run(page)
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_does_not_scroll_sideways_at_320px(
    server, public_pages, browser, visit, name
):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    visit(page, server + public_pages[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


@pytest.mark.parametrize("name", ["home", "project", "search", "fellow-index"])
def test_page_works_without_javascript(server, public_pages, browser, name):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + public_pages[name])
    assert page.locator("h1").is_visible()
    assert page.locator("#search-field").is_visible()
    context.close()


def test_skip_link_moves_focus_to_main_content(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == (
        "Skip to main content"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#maincontent"
    assert page.evaluate("document.activeElement.id") == "maincontent"


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement === document.querySelector(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_header_search_works_with_the_keyboard(server, page):
    page.goto(server + "/")
    tab_to(page, "#search-field")
    page.keyboard.type("sepsis")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=sepsis*")
    assert "for “sepsis”" in page.locator("#results-heading").inner_text()


def test_facet_form_works_with_the_keyboard(server, page):
    page.goto(server + "/search/")
    tab_to(page, "#filters summary")
    page.keyboard.press("Enter")
    tab_to(page, "#status-2")
    page.keyboard.press("Space")
    tab_to(page, "#filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?*status=testing*")
    tags = page.locator(".nhsuk-card .nhsuk-tag").all_inner_texts()
    assert tags
    assert {tag.strip() for tag in tags} == {"Testing changes"}


def test_search_with_two_facets_gives_the_expected_results(server, page):
    """Filter by a profession, then by the first status that the facet says has
    results: the results are exactly as many as the facet said, all with it."""
    page.goto(server + "/search/")
    page.get_by_text("Filter the results").click()
    page.get_by_label(re.compile(r"^Nurse")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/search/?*profession=nurse*")
    statuses = page.locator("input[name=status]")
    labels = [
        page.locator(f"label[for={statuses.nth(i).get_attribute('id')}]").inner_text()
        for i in range(statuses.count())
    ]
    label = next(text for text in labels if not text.endswith("(0)"))
    status, expected = re.fullmatch(r"(.+) \((\d+)\)", label).groups()
    page.get_by_label(label).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/search/?*status=*")
    assert "profession=nurse" in page.url
    cards = page.locator(".nhsuk-card")
    assert cards.count() == int(expected) > 0
    assert (
        page.locator("#results-heading").inner_text().startswith(f"{expected} result")
    )
    for tag in cards.locator(".nhsuk-tag").all_inner_texts():
        assert tag.strip() == status
