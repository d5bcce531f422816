"""Each routable sub-page has a head of its own: title, description, canonical
link and Open Graph tags, all about that sub-page and not the page serving it."""

import pytest
from bs4 import BeautifulSoup

from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from tests.factories import (
    FellowFactory,
    FellowIndexPageFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    def meta(**attrs):
        tag = soup.head.find("meta", attrs=attrs)
        return tag["content"] if tag else None

    return {
        "soup": soup,
        "title": soup.title.string,
        "description": meta(name="description"),
        "canonical": soup.head.find("link", rel="canonical")["href"],
        "og:title": meta(property="og:title"),
        "og:description": meta(property="og:description"),
        "og:url": meta(property="og:url"),
    }


@pytest.fixture
def profile(db):
    index = FellowIndexPageFactory()
    fellow = FellowFactory(
        name="Grace Patel", slug="grace-patel", job_title="Ward sister"
    )
    return {"index": index, "fellow": fellow, "url": f"{index.url}grace-patel/"}


def test_fellow_profile_head_holds_no_visible_text(client, profile):
    page = head(client, profile["url"])
    texts = [text.strip() for text in page["soup"].head.strings if text.strip()]
    assert texts == [page["title"]]
    body_text = page["soup"].body.get_text()
    assert "quality improvement fellow." not in body_text


def test_fellow_profile_head_is_about_the_fellow(client, profile):
    page = head(client, profile["url"])
    full_url = f"{profile['index'].full_url}grace-patel/"
    assert page["title"].startswith("Grace Patel")
    assert page["description"] == (
        "Grace Patel, Ward sister: quality improvement fellow."
    )
    assert page["canonical"] == full_url
    assert page["og:url"] == full_url
    assert page["og:title"] == "Grace Patel"
    assert page["og:description"] == page["description"]


def test_programme_impact_head_is_about_the_impact_summary(client):
    programme = ProgrammePageFactory(title="QI fellowship", intro="A year of QI.")
    page = head(client, f"{programme.url}impact/")
    full_url = f"{programme.full_url}impact/"
    assert page["title"].startswith("Impact summary: QI fellowship")
    assert page["og:title"] == "Impact summary: QI fellowship"
    assert page["canonical"] == full_url
    assert page["og:url"] == full_url
    assert page["description"].startswith("Outcomes of QI fellowship")


def test_fellow_index_head_is_still_its_own(client, profile):
    page = head(client, profile["index"].url)
    assert page["canonical"] == profile["index"].full_url
    assert page["og:url"] == profile["index"].full_url
    assert page["og:title"] == "Fellows"


def test_fellow_profile_shares_the_fellows_photo(client, db):
    index = FellowIndexPageFactory()
    FellowFactory(slug="grace-patel", photo=ImageFactory(file=get_test_image_file()))
    page = head(client, f"{index.url}grace-patel/")
    image = page["soup"].head.find("meta", property="og:image")
    assert image is not None
    assert image["content"].startswith("http")
