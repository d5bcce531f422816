"""What a reader reaches first, on a phone (375 px) and on a laptop (1,280 px):
the cohort's projects right after its introduction, search results before the
filters; and the fellows directory filtered with JavaScript switched off."""

import re

import pytest

pytestmark = pytest.mark.browser

COHORT = "/quality-improvement-fellowship/2014-15/"
WIDTHS = {375: 667, 1280: 900}


@pytest.fixture(params=sorted(WIDTHS), ids=lambda width: f"{width}px")
def sized_page(request, browser):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    yield context.new_page()
    context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_first_project_card_is_within_a_screen_of_the_intro(server, sized_page, visit):
    visit(sized_page, server + COHORT)
    intro = box(sized_page, ".nhsuk-lede-text")
    card = box(sized_page, "#projects ~ .nhsuk-card-group .nhsuk-card")
    screen = sized_page.viewport_size["height"]
    assert intro["y"] + intro["height"] <= card["y"]
    assert card["y"] < intro["y"] + intro["height"] + screen


def test_search_results_come_before_the_filters_at_375px(server, browser, visit):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    visit(page, server + "/search/?q=falls")
    first_result = box(page, "[aria-labelledby=results-heading] .nhsuk-card")
    filters = box(page, "#filters")
    context.close()
    assert first_result["y"] + first_result["height"] <= filters["y"]


def test_search_filters_open_without_javascript(server, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 667}
    )
    page = context.new_page()
    page.goto(server + "/search/")
    checkbox = page.locator("#status-2")
    assert not checkbox.is_visible()
    page.get_by_text("Filter the results").click()
    checkbox.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/search/?*status=*")
    tag = page.get_by_role("link", name=re.compile("^Remove the filter Project status"))
    assert tag.is_visible()
    tag.click()
    page.wait_for_url(re.compile(r"/search/\??(q=)?$"))
    context.close()


def test_fellows_directory_filters_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/fellows/")
    heading = page.locator("#fellows-heading")
    everyone = int(heading.inner_text().split()[0])
    page.get_by_label("Profession").select_option(label="Nurse")
    page.get_by_role("button", name="Show fellows").click()
    page.wait_for_url("**/fellows/?*profession=nurse*")
    nurses = int(heading.inner_text().split()[0])
    assert 0 < nurses < everyone
    assert page.get_by_label("Profession").input_value() == "nurse"
    profile = page.locator(".nhsuk-card__link").first.get_attribute("href")
    page.goto(server + profile)
    assert "Nurse" in page.locator(".nhsuk-summary-list").inner_text()
    context.close()
