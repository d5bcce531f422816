"""A fellow adds an update and submits it; staff approve it; the public project
page shows it. Another fellow cannot reach it."""

import re

import pytest

from cohorts.demo.accounts import DEMO_ACCOUNTS

pytestmark = pytest.mark.browser

TITLE = "Third PDSA cycle: weekend staff"
SAVE_DRAFT = 'button.action-save[data-w-progress-label-value="Save draft"]'


def sign_in(browser, server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(server + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_ACCOUNTS[username])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(server + "/admin/")
    return page


def press(page, selector):
    """Press a button of the editor's action menu (some sit in a dropdown) and
    wait for the page it leads to. (Not expect_navigation: the editor's tabs
    change the address's #fragment, which counts as a navigation.)"""
    with page.expect_event("load"):
        page.locator(selector).evaluate("button => button.click()")


def test_fellow_update_is_reviewed_then_published(browser, server, screenshot):
    fellow = sign_in(browser, server, "fellow")
    project_url = fellow.get_by_role("link", name="View it on the site").get_attribute(
        "href"
    )
    fellow.get_by_role("link", name="Add an update").click()
    fellow.wait_for_load_state("networkidle")
    fellow.fill("#id_title", TITLE)
    fellow.fill("#id_date", "2016-04-01")
    fellow.fill("#id_summary", "Weekend staff tried the handover checklist.")
    fellow.get_by_role("tab", name="Promote").click()
    fellow.fill("#id_slug", "third-pdsa-cycle")
    press(fellow, 'button[name="action-submit"]')
    assert re.search(r"/admin/pages/\d+/edit/$", fellow.url)
    edit_url = fellow.url
    screenshot(fellow, "fellow-submitted-update")

    other = sign_in(browser, server, "fellow2")
    other.goto(edit_url)
    assert other.url == server + "/admin/"
    assert TITLE not in other.content()
    other.goto(edit_url.replace("/edit/", "/view_draft/"))
    assert TITLE not in other.content()

    staff = sign_in(browser, server, "staff")
    assert TITLE in staff.content()  # awaiting their review on the dashboard
    staff.goto(edit_url)
    staff.wait_for_load_state("networkidle")
    press(
        staff,
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])',
    )

    public = browser.new_context().new_page()
    public.goto(server + project_url)
    assert TITLE in public.content()
    screenshot(public, "project-with-approved-update")


def test_fellow_saves_their_project_and_coach_saves_it_read_only(
    browser, server, screenshot
):
    """The "Fellow" rows are read-only for the fellow and so not submitted by the
    browser: saving keeps them as they are. The coach's editor has nothing to
    type into, and saving it without a comment saves nothing."""
    fellow = sign_in(browser, server, "fellow")
    fellow.get_by_role("link", name="Edit your project").click()
    fellow.wait_for_load_state("networkidle")
    edit_url = fellow.url
    fellows_tab = fellow.get_by_role("tab", name="Project details")
    fellows_tab.click()
    linked = fellow.locator("#id_project_fellows-FORMS").inner_text()
    assert fellow.locator("#id_project_fellows-0-id").is_disabled()
    fellow.get_by_role("tab", name="Content").click()
    title = fellow.input_value("#id_title") + " on two wards"
    fellow.fill("#id_title", title)
    press(fellow, SAVE_DRAFT)

    assert fellow.url == edit_url
    assert f"'{title}' has been updated" in fellow.locator(".messages").inner_text()
    fellow.reload()
    assert fellow.input_value("#id_title") == title
    fellows_tab.click()
    assert fellow.locator("#id_project_fellows-FORMS").inner_text() == linked
    screenshot(fellow, "fellow-saved-project")

    coach = sign_in(browser, server, "coach")
    coach.goto(edit_url)
    coach.wait_for_load_state("networkidle")
    assert coach.locator("#id_title").count() == 0
    assert title in coach.locator("[data-contentpath='title']").inner_text()
    press(coach, "button.action-save")
    assert coach.url == edit_url
    assert (
        "You have no new comments to save." in coach.locator(".messages").inner_text()
    )
    assert title in coach.locator("[data-contentpath='title']").inner_text()
