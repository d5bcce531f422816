import re

import pytest

from django.template.loader import render_to_string

from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from home.models import SiteSettings
from tests.factories import (
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def test_header_shows_the_organisation_name_not_the_nhs_logo(client, site):
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "North Coast Health Education"
    settings.save()
    response = client.get("/")
    assert "North Coast Health Education" in response.text
    assert "nhsuk-logo" not in response.text


def test_page_has_title_description_and_canonical(client):
    page = StandardPageFactory(title="About us", search_description="Who we are.")
    response = client.get(page.url)
    assert "<title>About us – Fellowship</title>" in response.text
    assert '<meta name="description" content="Who we are.">' in response.text
    assert f'<link rel="canonical" href="{page.full_url}">' in response.text


def test_project_description_falls_back_to_its_summary(client):
    project = FellowProjectPageFactory(summary="Checking charts at handover.")
    response = client.get(project.url)
    assert 'name="description" content="Checking charts at handover."' in response.text
    assert 'property="og:description" content="Checking charts' in response.text


def test_project_opengraph_uses_its_listing_image(client):
    image = ImageFactory(file=get_test_image_file())
    project = FellowProjectPageFactory(listing_image=image)
    response = client.get(project.url)
    match = re.search(r'<meta property="og:image" content="([^"]+)">', response.text)
    assert match
    assert match[1].startswith("http")


def test_public_pages_have_no_inline_scripts(client):
    project = FellowProjectPageFactory()
    for url in ["/", project.url, "/search/?q=doses"]:
        html = client.get(url).text
        for attributes, body in re.findall(
            r"<script([^>]*)>(.*?)</script>", html, re.S
        ):
            assert "src=" in attributes or "application/ld+json" in attributes, url
            assert "src=" not in attributes or not body.strip(), url


def test_sitemap_lists_pages_and_consented_fellow_profiles(client):
    index = FellowIndexPageFactory()
    shown = FellowFactory(public_consent=True)
    hidden = FellowFactory(public_consent=False)
    project = FellowProjectPageFactory()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert project.full_url in body
    assert f"{index.full_url}{shown.slug}/" in body
    assert hidden.slug not in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text


def test_missing_page_is_a_designed_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert "nhsuk-header" in response.text


def test_server_error_page_is_designed_and_standalone():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "nhsuk-frontend.min.css" in html


def test_breadcrumbs_lead_back_up_the_tree(client):
    project = FellowProjectPageFactory()
    response = client.get(project.url)
    cohort = project.get_parent()
    assert f'href="{cohort.url}"' in response.text
    assert "nhsuk-breadcrumb" in response.text
