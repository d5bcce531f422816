import datetime

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from cohorts.models import FellowProjectFellow, ProjectUpdatePage
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowProjectPageFactory,
    ProjectUpdatePageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def updates(db):
    cohort = CohortPageFactory(title="Cohort 2014")
    project = FellowProjectPageFactory(parent=cohort, title="Fewer falls")
    other = FellowProjectPageFactory(title="Faster discharge")
    ProjectUpdatePageFactory(
        parent=project, title="Older update", date=datetime.date(2015, 1, 1)
    )
    ProjectUpdatePageFactory(
        parent=project, title="Newer update", date=datetime.date(2015, 3, 1)
    )
    ProjectUpdatePageFactory(parent=project, title="Draft update", live=False)
    ProjectUpdatePageFactory(parent=other, title="Elsewhere")
    return {"cohort": cohort, "project": project, "other": other}


def entries(response):
    feed = ElementTree.fromstring(response.content)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]


def titles(response):
    return [title for title, _ in entries(response)]


def test_site_feed_lists_every_published_update_newest_first(client, updates):
    response = client.get("/feeds/updates/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles(response) == [
        "Fewer falls: Newer update",
        "Faster discharge: Elsewhere",
        "Fewer falls: Older update",
    ]


def test_feed_entries_link_to_the_update_pages(client, updates):
    link = dict(entries(client.get("/feeds/updates/")))["Fewer falls: Newer update"]
    assert link.startswith("http://testserver/")
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_site_feed_names_the_organisation(client, updates):
    feed = ElementTree.fromstring(client.get("/feeds/updates/").content)
    assert feed.find(f"{ATOM}title").text.startswith("Project updates – ")
    assert feed.find(f"{ATOM}author/{ATOM}name").text


def test_cohort_feed_lists_its_own_updates(client, updates):
    response = client.get(f"/feeds/cohorts/{updates['cohort'].pk}/")
    assert titles(response) == [
        "Fewer falls: Newer update",
        "Fewer falls: Older update",
    ]
    feed = ElementTree.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Project updates: Cohort 2014"


def test_project_feed_lists_its_own_updates(client, updates):
    response = client.get(f"/feeds/projects/{updates['other'].pk}/")
    assert titles(response) == ["Elsewhere"]


@pytest.mark.parametrize(
    "feed",
    ["/feeds/updates/", "/feeds/cohorts/{cohort}/", "/feeds/projects/{project}/"],
)
def test_every_entry_has_an_updated_date(client, updates, feed):
    """Atom (RFC 4287, 4.1.2) requires <updated> in every entry, even for a
    page published without a recorded publishing time."""
    ProjectUpdatePage.objects.filter(title="Older update").update(
        last_published_at=None
    )
    url = feed.format(cohort=updates["cohort"].pk, project=updates["project"].pk)
    feed = ElementTree.fromstring(client.get(url).content)
    items = list(feed.iter(f"{ATOM}entry"))
    assert items
    for entry in items:
        updated = entry.find(f"{ATOM}updated")
        assert updated is not None, entry.find(f"{ATOM}title").text
        assert datetime.datetime.fromisoformat(updated.text).tzinfo is not None


def test_home_page_announces_the_site_feed(client, updates):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    link = soup.head.find("link", rel="alternate", type="application/atom+xml")
    assert link is not None
    assert link["href"] == "/feeds/updates/"
    assert client.get(link["href"]).status_code == 200


def test_feed_of_a_draft_project_is_not_found(client, db):
    draft = FellowProjectPageFactory(live=False)
    ProjectUpdatePageFactory(parent=draft, title="Hidden")
    assert client.get(f"/feeds/projects/{draft.pk}/").status_code == 404


def test_feed_of_a_page_of_another_type_is_not_found(client, updates):
    assert client.get(f"/feeds/cohorts/{updates['project'].pk}/").status_code == 404


def test_feed_does_not_name_non_consenting_fellows(client, updates):
    hidden = FellowFactory(name="Hidden Person", public_consent=False)
    FellowProjectFellow.objects.create(project=updates["project"], fellow=hidden)
    assert "Hidden Person" not in client.get("/feeds/updates/").text


@pytest.mark.parametrize(
    "page,feed",
    [("cohort", "/feeds/cohorts/{}/"), ("project", "/feeds/projects/{}/")],
)
def test_page_head_announces_its_feed(client, updates, page, feed):
    html = client.get(updates[page].url).text
    href = feed.format(updates[page].pk)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{href}"' in html


def test_programme_page_announces_the_site_feed(client, updates):
    html = client.get(updates["cohort"].get_parent().url).text
    assert 'type="application/atom+xml"' in html
    assert 'href="/feeds/updates/"' in html


@pytest.mark.parametrize("kind", ["cohorts", "projects"])
@pytest.mark.parametrize(
    "pk", ["99999999999999999999999", "2147483648", "0", "1" * 2000]
)
def test_feed_of_an_impossible_id_is_not_found(client, db, kind, pk):
    assert client.get(f"/feeds/{kind}/{pk}/").status_code == 404
