"""Under the site's Content-Security-Policy the browser blocks nothing: on the public
site (signed out, and signed in with Wagtail's user bar) and in the Wagtail admin
(the dashboard, the page editor with its preview, snippets, images, reports)."""

import json
import urllib.request

import pytest

from cohorts.demo.accounts import DEMO_ACCOUNTS

pytestmark = pytest.mark.browser

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def first_project_id(server):
    with urllib.request.urlopen(server + "/api/projects/?limit=1") as response:  # noqa: S310
        return json.load(response)["items"][0]["id"]


@pytest.fixture
def watched(browser):
    """A new browser tab and the list of CSP violations it reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "CSP violation" in message.text
            or "Content Security Policy" in message.text
            else None
        ),
    )
    yield page, violations
    context.close()


def sign_in(page, server, username):
    page.goto(server + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_ACCOUNTS[username])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(server + "/admin/")
    page.wait_for_load_state("networkidle")


def open_all(page, server, paths):
    for path in paths:
        response = page.goto(server + path)
        assert response.ok, path
        assert response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")


PUBLIC = [
    "/",
    "/quality-improvement-fellowship/",
    "/quality-improvement-fellowship/2014-15/",
    "/fellows/",
    "/modules/",
    "/search/?q=falls",
]


def test_public_site_runs_under_its_policy(watched, server):
    page, violations = watched
    open_all(page, server, PUBLIC)
    project = page.locator(".nhsuk-card__link").first.get_attribute("href")
    open_all(page, server, [project])

    assert violations == []


def test_public_site_with_the_user_bar_runs_under_its_policy(watched, server):
    page, violations = watched
    sign_in(page, server, "admin")
    open_all(page, server, PUBLIC)
    page.locator("wagtail-userbar").locator("button").first.click()
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_admin_runs_under_its_policy(watched, server):
    page, violations = watched
    sign_in(page, server, "admin")
    project = first_project_id(server)
    open_all(
        page,
        server,
        [
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{project}/edit/",
        ],
    )
    page.get_by_role("button", name="Toggle preview").click()
    page.wait_for_load_state("networkidle")
    page.locator("iframe").first.wait_for()
    open_all(
        page,
        server,
        [
            f"/admin/pages/{project}/history/",
            "/admin/snippets/cohorts/fellow/",
            "/admin/snippets/cohorts/fellow/edit/1/",
            "/admin/images/",
            "/admin/images/multiple/add/",
            "/admin/documents/",
            "/admin/users/",
            "/admin/sign-in-lockouts/",
        ],
    )

    assert violations == []


def test_fellow_dashboard_and_editor_run_under_the_admin_policy(watched, server):
    page, violations = watched
    sign_in(page, server, "fellow")
    page.get_by_role("link", name="Edit your project").click()
    page.wait_for_load_state("networkidle")

    assert violations == []
