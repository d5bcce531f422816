"""Each role's journey with one project update, in a real browser, doing what
the person does and checking what they see at each step. The steps run in
order and share the update's address:

1. the fellow adds the update with a PDSA cycle that has only its plan, saves
   the draft, previews it, finds it again from the dashboard and enters data;
2. their coach opens the draft from the dashboard, previews it and comments;
3. the fellow reads the comment and submits the update;
4. programme staff preview it and request changes; the fellow resubmits it;
   staff approve it;
5. the public reads it."""

import re

import pytest
from playwright.sync_api import expect

from .test_fellow_workflow import SAVE_DRAFT, press, sign_in

pytestmark = pytest.mark.browser

TITLE = "Fourth PDSA cycle: weekend handover checklist"
SLUG = "weekend-handover-checklist"
IDEA = "Weekend handover checklist"
PREDICTION = "Fewer falls at weekends, because the handover names who is at risk."
COMMENT = "Good plan. How will you count the weekend falls?"
CHANGES = "Say which wards take part, please."


@pytest.fixture(scope="module")
def journey():
    """What one step leaves for the next: the addresses of the update."""
    return {}


def messages(page):
    return page.locator(".messages").inner_text()


def preview_panel(page):
    """Open the editor's preview panel and return its frame."""
    page.get_by_role("button", name="Toggle preview").click()
    return page.frame_locator("#w-preview-iframe")


def pages_row(page, title):
    """The row of the fellow's dashboard table of pages for the page titled so."""
    return page.locator("#fellow-pages tbody tr", has_text=title)


def test_fellow_drafts_a_planned_cycle_previews_it_and_finds_it_again(
    browser, server, journey, screenshot
):
    fellow = sign_in(browser, server, "fellow")
    journey["project"] = fellow.get_by_role(
        "link", name="View it on the site"
    ).get_attribute("href")
    fellow.get_by_role("link", name="Add an update").click()
    fellow.wait_for_load_state("networkidle")
    fellow.fill("#id_title", TITLE)
    fellow.fill("#id_date", "2016-05-01")
    fellow.keyboard.press("Escape")
    fellow.fill("#id_summary", "We plan to try a weekend handover checklist.")
    fellow.locator("#panel-child-content-pdsa_cycles-section .c-sf-add-button").click()
    fellow.fill("[name='pdsa_cycles-0-value-change_idea']", IDEA)
    fellow.fill("[name='pdsa_cycles-0-value-start_date']", "2016-05-07")
    fellow.keyboard.press("Escape")
    fellow.fill("[name='pdsa_cycles-0-value-prediction']", PREDICTION)
    fellow.get_by_role("tab", name="Promote").click()
    fellow.fill("#id_slug", SLUG)
    press(fellow, SAVE_DRAFT)

    assert re.search(r"/admin/pages/\d+/edit/$", fellow.url)
    assert f"Page '{TITLE}' created." in messages(fellow)
    journey["edit"] = fellow.url
    preview = preview_panel(fellow)
    expect(preview.get_by_role("heading", name=IDEA, exact=True)).to_be_visible()
    expect(preview.get_by_text(PREDICTION)).to_be_visible()
    expect(preview.get_by_text("No decision yet")).to_be_visible()
    screenshot(fellow, "journey-fellow-preview")

    fellow.goto(server + "/admin/")
    expect(pages_row(fellow, TITLE).locator(".state")).to_have_text("Draft")
    pages_row(fellow, TITLE).get_by_role("link", name=TITLE, exact=True).click()
    assert fellow.url == journey["edit"]


def test_fellow_enters_data_and_sees_it_in_the_projects_preview(
    browser, server, journey
):
    fellow = sign_in(browser, server, "fellow")
    fellow.get_by_role("link", name="Edit your project").click()
    fellow.wait_for_load_state("networkidle")
    journey["project_edit"] = fellow.url
    fellow.get_by_role("tab", name="Measures").click()
    fellow.get_by_role(
        "link", name=re.compile("^Enter, paste or upload the data")
    ).first.click()
    expect(fellow.get_by_role("button", name="Save data")).to_be_visible()
    periods = fellow.locator("input[name$='-period']")
    last = max(
        value for value in periods.evaluate_all("els => els.map(e => e.value)") if value
    )
    year, month = int(last[:4]), int(last[5:7])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    blank = fellow.locator(
        "tbody tr", has=fellow.locator("input[name$='-period']:not([value])")
    ).first
    blank.locator("input[name$='-period']").fill(f"{year}-{month:02}-01")
    blank.locator("input[name$='-value']").fill("3")
    with fellow.expect_event("load"):
        fellow.get_by_role("button", name="Save data").click()

    assert "saved: 1 point" in messages(fellow)
    saved = fellow.locator(
        "tbody tr", has=fellow.locator(f"input[value='{year}-{month:02}-01']")
    )
    expect(saved).to_contain_text("Awaiting approval")

    fellow.goto(journey["project_edit"])
    fellow.wait_for_load_state("networkidle")
    preview = preview_panel(fellow)
    expect(
        preview.get_by_text(
            re.compile(r"This preview includes \d+ data points? awaiting approval")
        )
    ).to_be_visible()


def test_coach_previews_the_draft_and_comments_on_its_cycle(
    browser, server, journey, screenshot
):
    coach = sign_in(browser, server, "coach")
    row = coach.locator("#coach-drafts tr", has_text=TITLE)
    expect(row).to_contain_text("Draft")
    fellow = row.locator("td").first.inner_text()
    expect(coach.locator("#coach-fellows tr", has_text=fellow)).to_be_visible()
    row.get_by_role("link", name=f"Preview {TITLE}").click()
    expect(coach.get_by_text(PREDICTION)).to_be_visible()
    expect(coach.get_by_text("No decision yet")).to_be_visible()
    coach.go_back()

    coach.locator("#coach-home-section tr", has_text=TITLE).get_by_role(
        "link", name=f"Read and comment on {TITLE}"
    ).click()
    coach.wait_for_load_state("networkidle")
    assert coach.url == journey["edit"]
    assert coach.locator("#id_title, #id_summary").count() == 0  # nothing to type in
    expect(coach.locator("[data-contentpath='pdsa_cycles']")).to_contain_text(IDEA)
    coach.locator("[data-contentpath='pdsa_cycles'] [data-comment-add]").click()
    coach.locator("#comments textarea").first.fill(COMMENT)
    coach.locator("#comments").get_by_role("button", name="Comment").click()
    with coach.expect_event("load"):
        coach.get_by_role("button", name="Save comments").click()

    assert (
        f"Your comments on '{TITLE}' are saved. The page itself is unchanged"
        in messages(coach)
    )
    screenshot(coach, "journey-coach-read-only-editor")


def test_fellow_reads_the_comment_once_and_submits(browser, server, journey):
    fellow = sign_in(browser, server, "fellow")
    fellow.goto(journey["edit"])
    fellow.wait_for_load_state("networkidle")
    fellow.get_by_role("button", name="Toggle comments").click()

    expect(fellow.locator("#comments").get_by_text(COMMENT)).to_have_count(1)
    press(fellow, 'button[name="action-submit"]')
    assert "has been submitted for moderation" in messages(fellow)
    fellow.goto(server + "/admin/")
    expect(pages_row(fellow, TITLE).locator(".state")).to_have_text("In review")


def test_staff_preview_it_and_request_changes_then_approve(browser, server, journey):
    staff = sign_in(browser, server, "staff")
    awaiting = staff.locator("tr", has_text=TITLE)  # awaiting their review
    staff.goto(
        server + awaiting.locator("a[href*='/workflow/preview/']").get_attribute("href")
    )
    expect(staff.get_by_text(PREDICTION)).to_be_visible()
    expect(staff.get_by_text("No decision yet")).to_be_visible()

    staff.goto(journey["edit"])
    staff.wait_for_load_state("networkidle")
    staff.locator('button[data-workflow-action-name="reject"]').evaluate(
        "button => button.click()"
    )
    staff.locator("textarea[name='comment']").fill(CHANGES)
    with staff.expect_event("load"):
        staff.get_by_role("button", name="Request changes").last.click()

    fellow = sign_in(browser, server, "fellow")
    expect(pages_row(fellow, TITLE).locator(".state")).to_have_text("Changes requested")
    expect(fellow.get_by_text(CHANGES)).to_be_visible()
    fellow.goto(journey["edit"])
    fellow.wait_for_load_state("networkidle")
    press(fellow, 'button[name="action-submit"]')
    assert "has been submitted for moderation" in messages(fellow)

    staff.goto(journey["edit"])
    staff.wait_for_load_state("networkidle")
    press(
        staff,
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])',
    )
    fellow.goto(server + "/admin/")
    expect(pages_row(fellow, TITLE).locator(".state")).to_have_text("Live")


def test_the_public_reads_the_planned_cycle(browser, server, journey, screenshot):
    public = browser.new_context().new_page()
    public.goto(server + journey["project"])
    public.get_by_role("link", name=TITLE).first.click()

    expect(public.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    expect(public.get_by_role("heading", name=IDEA, exact=True)).to_be_visible()
    expect(public.get_by_text(PREDICTION)).to_be_visible()
    expect(public.get_by_text("No decision yet")).to_be_visible()
    assert public.url.endswith(f"/{SLUG}/")
    screenshot(public, "journey-public-update")
