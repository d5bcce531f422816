"""A member of the public shares good practice (with and without JavaScript);
staff approve it in the admin; then it is public. axe finds nothing on the
form, the index and an example's page."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_fellow_workflow import press, sign_in

pytestmark = pytest.mark.browser

FORM = "/share-good-practice/"
INDEX = "/good-practice/"
EXAMPLE = INDEX + "carers-co-teach-discharge-planning/"


def fill_in(page, title, tmp_path=None):
    page.fill("#id_title", title)
    page.fill("#id_summary", "Students shadow a carer for a day.")
    page.fill("#id_what_was_done", "Carers' groups host students on placement.")
    page.fill("#id_evidence", "Students' logs mention carers far more often.")
    page.get_by_label("Service users and carers in education").check()
    page.fill("#id_organisation", "Saltmarsh Carers' Group")
    page.fill("#id_contact_email", "sharer@example.org")
    if tmp_path is not None:
        report = tmp_path / "report.pdf"
        report.write_bytes(b"%PDF-1.4\n%a short report\n")
        page.locator('input[name="document"]').set_input_files(str(report))
    page.get_by_label("I agree that this example").check()


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", [FORM, INDEX, INDEX + "?theme=digital-technology"])
def test_no_axe_violations(server, page, visit, screenshot, path):
    response = visit(page, server + path)
    assert response.status == 200
    assert_no_axe_violations(page)


def test_no_axe_violations_on_an_example(server, page, visit, screenshot):
    response = visit(page, server + EXAMPLE)
    assert response.status == 200
    screenshot(page, "good-practice-example")
    assert_no_axe_violations(page)


def test_the_form_shows_its_errors_accessibly(server, page, visit, screenshot):
    visit(page, server + FORM)
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_selector(".nhsuk-error-summary")

    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="Enter a title").is_visible()
    screenshot(page, "share-good-practice-errors")
    assert_no_axe_violations(page)


def test_public_shares_and_staff_approve(browser, server, visit, tmp_path, screenshot):
    title = "Students shadow a carer for a day"
    public = browser.new_context().new_page()
    visit(public, server + INDEX)
    public.get_by_role("link", name="Share good practice").click()
    fill_in(public, title, tmp_path)
    public.get_by_role("button", name="Send for review").click()
    public.wait_for_url(server + FORM + "sent/")
    assert "sent for review" in public.content()
    screenshot(public, "share-good-practice-sent")
    slug = INDEX + "students-shadow-a-carer-for-a-day/"
    assert public.goto(server + slug).status == 404

    staff = sign_in(browser, server, "staff")
    staff.get_by_role("link", name=title).first.click()
    # The editor loaded, so that press() waits for the approval's page, not it.
    staff.wait_for_url("**/admin/pages/*/edit/")
    staff.wait_for_load_state("networkidle")
    press(
        staff,
        'button[data-workflow-action-name="approve"]'
        ":not([data-workflow-action-modal-url])",
    )

    response = public.goto(server + slug)
    assert response.status == 200
    assert title in public.content()
    assert "sharer@example.org" not in public.content()
    document = public.locator('a[href^="/documents/"]').get_attribute("href")
    assert public.request.get(server + document).status == 200
    screenshot(public, "good-practice-approved")


def test_public_shares_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + FORM)
    page.get_by_role("button", name="Send for review").click()
    assert "There is a problem" in page.content()

    fill_in(page, "Carers on the interview panel")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(server + FORM + "sent/")
    assert "sent for review" in page.content()
    assert page.goto(server + INDEX + "carers-on-the-interview-panel/").status == 404
    context.close()
