"""The site keeps answering when a service it uses fails."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError, ProgrammingError, connection
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.models import Page

from cohorts.models import Fellow, FellowIndexPage, ProjectMeasure
from fellowship_site.settings.base import redis_cache

# Nothing listens on port 1: every cache call fails at once.
REDIS_DOWN = {"default": redis_cache("redis://127.0.0.1:1/0")}


def one_page_of_each_type():
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    first = {}
    for page in pages.order_by("path"):
        first.setdefault(type(page), page)
    return list(first.values())


def public_urls():
    index = FellowIndexPage.objects.get()
    fellow = Fellow.objects.public().order_by("name").first()
    measure = ProjectMeasure.objects.filter(project__live=True).first()
    return [
        measure.project.url,
        f"/api/measures/{measure.pk}/",
        *(page.url for page in one_page_of_each_type()),
        f"{index.url}{fellow.slug}/",
        "/search/",
        "/search/?q=falls",
        "/sitemap.xml",
        "/feeds/updates/",
        "/api/projects/",
    ]


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, verbosity=0)


def test_public_pages_and_dashboards_answer_with_redis_down(demo, caplog):
    client = Client(raise_request_exception=False)
    urls = public_urls()
    users = get_user_model().objects.filter(
        username__in=["admin", "staff", "fellow", "coach"]
    )
    with override_settings(CACHES=REDIS_DOWN):
        statuses = {url: client.get(url).status_code for url in urls}
        for user in users:
            client.force_login(user)
            statuses[user.username] = client.get(
                reverse("wagtailadmin_home")
            ).status_code
    assert statuses == dict.fromkeys(statuses, 200)
    assert len(urls) >= 12
    assert "Exception ignored" in caplog.text  # the outage is logged


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
