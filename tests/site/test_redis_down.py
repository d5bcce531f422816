"""The demo site keeps answering when Redis, its cache, is down: every public
page type and each role's dashboard (the database outage: tests/test_faults.py)."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.models import Page

from cohorts.models import Fellow, FellowIndexPage, ProjectMeasure
from fellowship_site.settings.base import redis_cache

# Tells pytest-django to set up the test database that the demo loads into.
pytestmark = pytest.mark.django_db

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
