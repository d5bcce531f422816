"""Content-Security-Policy and Permissions-Policy on the public site, the API and the
admin."""

import pytest

from tests.factories import FellowProjectPageFactory

pytestmark = pytest.mark.django_db


def policy(response):
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def features(response):
    header = response.headers["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


def public_responses(client):
    project = FellowProjectPageFactory()
    return [
        client.get("/"),
        client.get(project.url),
        client.get("/search/?q=falls"),
        client.get("/no-such-page/"),
    ]


def test_public_pages_have_a_strict_content_security_policy(client):
    for response in public_responses(client):
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]
        assert csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_api_has_the_strict_content_security_policy(client):
    response = client.get("/api/programmes/")

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_admin_has_its_own_policy_that_still_forbids_other_origins(
    admin_client, home_page
):
    for url in ["/admin/", f"/admin/pages/{home_page.pk}/edit/", "/admin/login/"]:
        response = admin_client.get(url)
        assert response.status_code in {200, 302}, url
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"][0] == "'self'"
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert all(not source.startswith("http") for source in csp["script-src"])


def test_admin_sign_in_page_has_the_admin_policy(client):
    response = client.get("/admin/login/")

    assert policy(response)["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy(response)["style-src"]


@pytest.mark.parametrize("url", ["/", "/api/programmes/", "/admin/login/"])
def test_permissions_policy_turns_off_powerful_features(client, url):
    response = client.get(url)

    allowed = features(response)
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert allowed[feature] == "()", feature
