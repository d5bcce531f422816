"""A fellow has their draft open in two tabs. Tab A saves; tab B's save is then
refused, and the autosave that Wagtail's editor sends by itself soon after must
not replace tab A's version: only the fellow's own save does
(home.forms.EditorPageForm, tests/home/test_stale_edits.py)."""

import re
import time

import pytest
from playwright.sync_api import expect

from .test_fellow_workflow import SAVE_DRAFT, press, sign_in

pytestmark = pytest.mark.browser

TITLE = "Fifth PDSA cycle: bedside handover"


def messages(page):
    return page.locator(".messages").inner_text()


def autosaves_of(page):
    """Every autosave the tab sends (a POST with Accept: application/json), as
    (the loaded_revision_id it posts, the response), in order."""
    sent = []

    def note(response):
        request = response.request
        if request.method == "POST" and request.headers.get("accept") == (
            "application/json"
        ):
            loaded = re.search(
                r'name="loaded_revision_id"\r\n\r\n(\d+)', request.post_data or ""
            )
            sent.append((loaded and loaded[1], response))

    page.on("response", note)
    return sent


def save_a_new_draft(page, title, date, slug):
    """From the fellow's dashboard: a new update of their project, saved as a
    draft; the page is then its editor."""
    page.get_by_role("link", name="Add an update").click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", title)
    page.fill("#id_date", date)
    page.keyboard.press("Escape")
    page.fill("#id_summary", "Nurses hand over at the bedside.")
    page.get_by_role("tab", name="Promote").click()
    page.fill("#id_slug", slug)
    press(page, SAVE_DRAFT)


def wait_for_autosave(page, sent, loaded, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for posted, response in sent:
            if posted == loaded:
                return response
        page.wait_for_timeout(100)
    raise AssertionError(f"No autosave of revision {loaded} within {seconds}s")


def test_an_autosave_after_a_refused_save_does_not_replace_the_newer_version(
    browser, server, screenshot
):
    tab_a = sign_in(browser, server, "fellow")
    save_a_new_draft(tab_a, TITLE, "2016-06-01", "bedside-handover")
    assert re.search(r"/admin/pages/\d+/edit/$", tab_a.url)
    edit_url = tab_a.url

    tab_b = tab_a.context.new_page()  # the same fellow, a second tab
    tab_b.goto(edit_url)
    tab_b.wait_for_load_state("networkidle")
    sent = autosaves_of(tab_b)

    tab_a.fill("#id_title", TITLE + " (tab A)")
    press(tab_a, SAVE_DRAFT)
    assert "has been updated" in messages(tab_a)

    tab_b.fill("#id_title", TITLE + " (tab B)")
    press(tab_b, SAVE_DRAFT)
    assert "Someone saved a newer version of this page" in messages(tab_b)
    assert tab_b.input_value("#id_title") == TITLE + " (tab B)"
    shown_with = tab_b.input_value("input[name=loaded_revision_id]")

    # The fellow does nothing; the editor autosaves by itself.
    autosave = wait_for_autosave(tab_b, sent, shown_with)
    assert autosave.status == 400
    assert autosave.json()["error_code"] == "invalid_revision"
    expect(tab_b.locator("#w-autosave-indicator")).to_contain_text("Autosave is paused")
    screenshot(tab_b, "stale-save-refused-autosave-paused")
    tab_a.reload()
    assert tab_a.input_value("#id_title") == TITLE + " (tab A)"

    press(tab_b, SAVE_DRAFT)  # the fellow's own choice to replace it

    assert f"Page '{TITLE} (tab B)' has been updated." in messages(tab_b)
    tab_a.reload()
    assert tab_a.input_value("#id_title") == TITLE + " (tab B)"


def test_a_save_after_the_tabs_own_autosave_is_not_refused(browser, server):
    """The editor's own autosave is not 'someone else's newer version': after
    it, the person's Save draft is stored (home/js/autosaved_revision.js)."""
    page = sign_in(browser, server, "fellow")
    save_a_new_draft(page, TITLE + " (one tab)", "2016-07-01", "one-tab-only")
    # Wagtail's editor notes the form as loaded a moment after loading it, and
    # autosaves what changes after that.
    page.evaluate(
        """new Promise(resolve => {
            document.addEventListener("w-unsaved:watch-edits", resolve, {once: true});
            setTimeout(resolve, 10000);
        })"""
    )
    sent = autosaves_of(page)
    opened_with = page.input_value("input[name=loaded_revision_id]")

    page.get_by_role("tab", name="Content").click()
    page.fill("#id_title", TITLE + " (autosaved)")
    autosave = wait_for_autosave(page, sent, opened_with)
    assert autosave.status == 200
    page.fill("#id_title", TITLE + " (saved)")
    press(page, SAVE_DRAFT)

    assert "Someone saved a newer version" not in messages(page)
    assert f"Page '{TITLE} (saved)' has been updated." in messages(page)
