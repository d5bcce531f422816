"""An example's contact email is never public: not on its page, the index, the
project page, search, the API, the feed or the JSON-LD."""

import pytest

from tests.factories import (
    FellowProjectPageFactory,
    GoodPracticePageFactory,
    OrganisationFactory,
)

EMAIL = "private.person@example.org"


@pytest.fixture
def example(db):
    organisation = OrganisationFactory()
    project = FellowProjectPageFactory(organisation=organisation)
    page = GoodPracticePageFactory(
        title="Carers teach discharge planning",
        contact_email=EMAIL,
        organisation=organisation,
    )
    page.projects.set([project])
    page.save_revision().publish()
    return page, project


def test_the_contact_email_is_never_public(client, example):
    page, project = example
    urls = [
        page.url,
        "/good-practice/",
        project.url,
        "/search/?q=Carers",
        "/api/good-practice/",
        f"/api/good-practice/{page.pk}/",
        f"/api/projects/{project.pk}/",
        "/feeds/good-practice/",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "private.person" not in text, url
    assert "Carers teach discharge planning" in client.get(page.url).content.decode()


def test_searching_for_the_email_finds_nothing(client, example):
    by_title = client.get("/search/", {"q": "Carers", "type": "good_practice"})
    by_email = client.get("/search/", {"q": EMAIL, "type": "good_practice"})

    assert "1 result " in by_title.content.decode()
    assert "0 results" in by_email.content.decode()


def test_the_json_ld_describes_the_example_without_the_email(client, example):
    page, _ = example
    html = client.get(page.url).content.decode()

    assert '"@type": "CreativeWork"' in html
    assert '"name": "Carers teach discharge planning"' in html
    assert "private.person" not in html


def test_the_api_schema_has_no_contact_field(client, db):
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]

    for name in ["GoodPracticeOut", "GoodPracticeDetailOut"]:
        assert "contact_email" not in schema[name]["properties"]
        assert "title" in schema[name]["properties"]
