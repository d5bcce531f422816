"""The good-practice collection: tree rules, creation in the admin, browsing by
theme, the links to projects and organisations, search, and flat query counts."""

import pytest

from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import nested_form_data

from cohorts.models import (
    FellowIndexPage,
    FellowProjectFellow,
    GoodPracticeIndexPage,
    GoodPracticePage,
    Theme,
)
from home.models import HomePage
from tests.factories import (
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    GoodPracticeIndexPageFactory,
    GoodPracticePageFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def good_practice_themes():
    return list(Theme.objects.filter(good_practice=True).order_by("name"))


class GoodPracticeTreeTests(WagtailPageTests):
    def test_index_tree_rules(self):
        self.assertAllowedParentPageTypes(GoodPracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GoodPracticeIndexPage, {GoodPracticePage})

    def test_example_tree_rules(self):
        self.assertAllowedParentPageTypes(GoodPracticePage, {GoodPracticeIndexPage})
        self.assertAllowedSubpageTypes(GoodPracticePage, set())

    def test_index_can_be_created_once(self):
        home = HomePage.objects.get(depth=2)
        self.assertCanCreate(
            home, GoodPracticeIndexPage, nested_form_data({"title": "Good practice"})
        )
        self.assertFalse(GoodPracticeIndexPage.can_create_at(home))

    def test_example_can_be_created_with_links(self):
        index = GoodPracticeIndexPageFactory()
        project = FellowProjectPageFactory()
        organisation = OrganisationFactory()
        theme = good_practice_themes()[0]
        data = nested_form_data(
            {
                "title": "Carers teach on the ward",
                "summary": "Carers teach.",
                "what_was_done": "Monthly teaching.",
                "evidence": "More written plans.",
                "contact_email": "someone@example.org",
            }
        )
        # Several values of one field: the client posts a list as repeated keys.
        data |= {
            "themes": [theme.pk],
            "projects": [project.pk],
            "organisations": [organisation.pk],
        }
        self.assertCanCreate(index, GoodPracticePage, data)
        page = GoodPracticePage.objects.get(title="Carers teach on the ward")
        assert list(page.themes.all()) == [theme]
        assert list(page.projects.all()) == [project]
        assert list(page.organisations.all()) == [organisation]


def test_example_page_shows_what_a_reader_needs(client):
    organisation = OrganisationFactory(name="Northfield NHS Trust")
    page = GoodPracticePageFactory(
        title="Carers teach on the ward",
        organisation=organisation,
        link="https://example.org/report",
    )

    response = client.get(page.url)

    assert response.status_code == 200
    assert response.templates[0].name == "cohorts/good_practice_page.html"
    html = response.content.decode()
    for text in [
        "Carers teach on the ward",
        "What was done",
        "The evidence or outcome",
        "Northfield NHS Trust",
        '<a href="https://example.org/report">',
        good_practice_themes()[0].name,
    ]:
        assert text in html, text


def test_index_browses_by_theme(client):
    first, second, *_ = good_practice_themes()
    GoodPracticePageFactory(title="Only the first theme", themes=[first])
    GoodPracticePageFactory(title="Only the second theme", themes=[second])
    GoodPracticePageFactory(title="Both themes", themes=[first, second])

    everything = client.get("/good-practice/").content.decode()
    filtered = client.get("/good-practice/", {"theme": second.slug}).content.decode()

    assert "3 examples" in everything
    assert "2 examples" in filtered
    assert "Only the second theme" in filtered
    assert "Both themes" in filtered
    assert "Only the first theme" not in filtered
    assert f'value="{second.slug}" checked' in filtered


def test_index_ignores_an_unknown_theme_with_a_message(client):
    GoodPracticePageFactory()

    response = client.get("/good-practice/", {"theme": "<script>"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "We ignored a theme that we did not recognise." in html
    assert "1 example" in html


def test_index_is_paginated_and_a_page_too_far_is_not_found(client):
    for number in range(13):
        GoodPracticePageFactory(title=f"Example {number:02}")

    first = client.get("/good-practice/").content.decode()
    second = client.get("/good-practice/", {"page": 2})

    assert first.count('class="nhsuk-card__link"') == 12
    assert second.content.decode().count('class="nhsuk-card__link"') == 1
    assert client.get("/good-practice/", {"page": 3}).status_code == 404
    bad = client.get("/good-practice/", {"page": "x"}).content.decode()
    assert "We did not recognise that page number, so here is page 1." in bad


def test_unpublished_examples_are_not_listed(client):
    page = GoodPracticePageFactory(title="Still a draft")
    page.unpublish()

    assert "Still a draft" not in client.get("/good-practice/").content.decode()
    assert client.get(page.url or "/good-practice/still-a-draft/").status_code == 404


def test_project_page_shows_linked_examples_and_its_organisations(client):
    organisation = OrganisationFactory()
    project = FellowProjectPageFactory(organisation=organisation)
    # A consenting fellow: otherwise the project shows no organisation
    # (tests/cohorts/outcomes/test_disclosure_control.py).
    FellowProjectFellow.objects.create(project=project, fellow=FellowFactory())
    linked = GoodPracticePageFactory(title="Linked to the project")
    linked.projects.set([project])
    linked.save_revision().publish()
    GoodPracticePageFactory(title="From its organisation", organisation=organisation)
    used = GoodPracticePageFactory(title="Used by its organisation")
    used.organisations.set([organisation])
    used.save_revision().publish()
    GoodPracticePageFactory(title="Not linked")

    html = client.get(project.url).content.decode()

    assert "Linked to the project" in html
    assert "From its organisation" in html
    assert "Used by its organisation" in html
    assert "Not linked" not in html


def test_example_page_lists_its_projects_and_organisations(client):
    project = FellowProjectPageFactory(title="Fewer falls on ward 7")
    organisation = OrganisationFactory(name="Eastmoor Community Health")
    page = GoodPracticePageFactory()
    page.projects.set([project])
    page.organisations.set([organisation])
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert "Fewer falls on ward 7" in html
    assert "Eastmoor Community Health" in html


def test_search_has_a_good_practice_type(client):
    GoodPracticePageFactory(title="Carers teach on the ward")
    FellowProjectPageFactory(title="Carers and falls")

    response = client.get("/search/", {"q": "carers", "type": "good_practice"})

    html = response.content.decode()
    assert "Good practice" in html
    assert "Carers teach on the ward" in html
    assert "Carers and falls" not in html
    assert "1 result " in html


def test_search_theme_filter_applies_to_examples(client):
    first, second, *_ = good_practice_themes()
    GoodPracticePageFactory(title="Carers first", themes=[first])
    GoodPracticePageFactory(title="Carers second", themes=[second])

    html = client.get(
        "/search/", {"q": "carers", "type": "good_practice", "theme": first.slug}
    ).content.decode()

    assert "Carers first" in html
    assert "Carers second" not in html


def fill(count):
    themes = good_practice_themes()
    organisation = OrganisationFactory()
    for number in range(count):
        GoodPracticePageFactory(themes=themes[:2], organisation=organisation)
        del number


def test_index_queries_do_not_grow_with_examples(client, count_queries):
    fill(2)
    client.get("/good-practice/")  # warm the site-root cache
    few = count_queries(lambda: client.get("/good-practice/"))
    fill(10)
    client.get("/good-practice/")  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get("/good-practice/"))
    assert GoodPracticePage.objects.live().count() == 12
    assert many == few


def test_api_list_queries_do_not_grow_with_examples(client, count_queries):
    fill(2)
    client.get("/api/good-practice/")
    few = count_queries(lambda: client.get("/api/good-practice/"))
    fill(10)
    client.get("/api/good-practice/")  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get("/api/good-practice/"))
    assert client.get("/api/good-practice/").json()["count"] == 12
    assert many == few


def test_feed_queries_do_not_grow_with_examples(client, count_queries):
    fill(2)
    client.get("/feeds/good-practice/")
    few = count_queries(lambda: client.get("/feeds/good-practice/"))
    fill(10)
    client.get("/feeds/good-practice/")  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get("/feeds/good-practice/"))
    assert many == few


def profile_url(fellow):
    directory = FellowIndexPage.objects.first() or FellowIndexPageFactory()
    return directory.url + directory.reverse_subpage("profile", args=[fellow.slug])


def test_fellow_profile_shows_the_examples_of_their_organisation(client):
    organisation = OrganisationFactory(name="Eastmoor Community Health")
    fellow = FellowFactory(public_consent=True, organisation=organisation)
    GoodPracticePageFactory(title="From the organisation", organisation=organisation)
    used = GoodPracticePageFactory(title="Used by the organisation")
    used.organisations.set([organisation])
    used.save_revision().publish()
    GoodPracticePageFactory(title="From elsewhere", organisation=OrganisationFactory())
    draft = GoodPracticePageFactory(title="Not yet published", live=False)
    draft.organisations.set([organisation])
    draft.save_revision()

    html = client.get(profile_url(fellow)).content.decode()

    assert "Good practice from Eastmoor Community Health" in html
    assert "From the organisation" in html
    assert "Used by the organisation" in html
    assert "From elsewhere" not in html
    assert "Not yet published" not in html


def test_fellow_profile_without_an_organisation_has_no_good_practice(client):
    fellow = FellowFactory(public_consent=True, organisation=None)
    GoodPracticePageFactory(title="Carers teach on the ward")

    response = client.get(profile_url(fellow))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Good practice from" not in html
    assert "Carers teach on the ward" not in html


def test_fellow_profile_queries_do_not_grow_with_examples(client, count_queries):
    organisation = OrganisationFactory()
    fellow = FellowFactory(public_consent=True, organisation=organisation)
    url = profile_url(fellow)

    def link(count):
        themes = good_practice_themes()
        for number in range(count):
            if number % 2:
                GoodPracticePageFactory(themes=themes[:2], organisation=organisation)
            else:
                page = GoodPracticePageFactory(themes=themes[:1])
                page.organisations.set([organisation])
                page.save_revision().publish()

    link(2)
    client.get(url)  # warm the site-root cache
    few = count_queries(lambda: client.get(url))
    link(10)
    client.get(url)  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get(url))

    assert client.get(url).content.decode().count("nhsuk-card__heading") == 12
    assert many == few
