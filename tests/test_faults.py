"""The site keeps answering when its database fails: a designed 503, HTML or
JSON (Redis down: tests/site/test_redis_down.py)."""

import pytest

from django.db import OperationalError, ProgrammingError, connection
from django.test import Client
from django.urls import reverse


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: refused")


@pytest.fixture
def database_down(db):
    """Every query fails the way it does when the database cannot be reached."""
    with connection.execute_wrapper(refuse):
        yield


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "60"
    assert "<h1>Sorry, the service is unavailable</h1>" in response.text
    assert "nhsuk-frontend.min.css" in response.text


# Pages, search, sitemap, a feed, and a path no URL pattern matches (its 404
# page needs the database too).
@pytest.mark.parametrize(
    "url",
    ["/", "/about/", "/search/?q=falls", "/sitemap.xml", "/feeds/updates/", "/x.png"],
)
def test_database_outage_is_a_503_page(url, database_down):
    assert_outage_page(Client(raise_request_exception=False).get(url))


@pytest.fixture
def signed_in(client, superuser):
    client.force_login(superuser)
    client.raise_request_exception = False
    return client


def test_database_outage_is_a_503_page_in_the_admin(signed_in, database_down):
    assert_outage_page(signed_in.get(reverse("wagtailadmin_home")))


@pytest.mark.parametrize(
    "url", ["/api/projects/", "/api/programmes/1/", "/api/no-such-list/"]
)
def test_database_outage_is_a_json_503_for_the_api(url, database_down):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {
        "detail": "The service is unavailable. Try again in a few minutes."
    }


def test_other_database_errors_are_still_a_500(db):
    def broken(execute, sql, params, many, context):
        raise ProgrammingError("no such column")

    with connection.execute_wrapper(broken):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
