import itertools

import pytest

from cohorts.models import Fellow, FellowProjectFellow, FellowProjectPage, Theme
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

NURSE, DOCTOR = Fellow.Profession.NURSE, Fellow.Profession.DOCTOR
TESTING, SUSTAINED = (
    FellowProjectPage.Status.TESTING,
    FellowProjectPage.Status.SUSTAINED,
)


@pytest.fixture
def fixture_data():
    """Two cohorts; four projects that differ in every facet; consented and
    non-consented fellows."""
    FellowIndexPageFactory()
    programme = ProgrammePageFactory()
    early = CohortPageFactory(parent=programme, title="Cohort 2012/13")
    late = CohortPageFactory(parent=programme, title="Cohort 2015/16")
    north, south = (
        OrganisationFactory(name="North Trust"),
        OrganisationFactory(name="South Trust"),
    )
    digital = Theme.objects.get(slug="digital-technology")
    carers = Theme.objects.get(slug="service-users-and-carers")
    rows = [
        # title, cohort, organisation, status, theme, profession, consent
        ("Falls on ward 7", early, north, TESTING, digital, NURSE, True),
        ("Sepsis bundle", early, south, SUSTAINED, carers, DOCTOR, True),
        ("Falls in the community", late, north, SUSTAINED, digital, DOCTOR, False),
        ("Discharge letters", late, south, TESTING, carers, NURSE, True),
    ]
    for title, cohort, organisation, status, theme, profession, consent in rows:
        project = FellowProjectPageFactory(
            parent=cohort, title=title, organisation=organisation, status=status
        )
        project.themes.set([theme])
        project.save()
        fellow = FellowFactory(
            name=f"Fellow of {title}",
            cohort=cohort,
            organisation=organisation,
            profession=profession,
            public_consent=consent,
        )
        FellowProjectFellow.objects.create(project=project, fellow=fellow)
    return {"early": early, "late": late, "north": north, "south": south}


def titles(response):
    return sorted(
        item.title if kind != "fellow" else item.name
        for kind, item, _ in response.context["results"]
    )


def facet_counts(response, name):
    facet = next(f for f in response.context["outcome"].facets if f.name == name)
    return {label: count for _, label, count, _ in facet.choices}


FACET_CASES = {
    "cohort": ("early", ["Falls on ward 7", "Sepsis bundle"]),
    # Not "Falls in the community": its only fellow did not consent, so it is
    # not filed under its organisation (cohorts.models.public_organisation_id).
    "organisation": ("north", ["Falls on ward 7"]),
    "status": (TESTING, ["Discharge letters", "Falls on ward 7"]),
    "theme": ("digital-technology", ["Falls in the community", "Falls on ward 7"]),
    "profession": (NURSE, ["Discharge letters", "Falls on ward 7"]),
}


def facet_value(data, name, value):
    if name in {"cohort", "organisation"}:
        return str(data[value].pk)
    return value


@pytest.mark.parametrize("name", FACET_CASES)
def test_each_facet_filters_the_showcase(client, fixture_data, name):
    value, expected = FACET_CASES[name]
    response = client.get("/search/", {name: facet_value(fixture_data, name, value)})
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("pair", list(itertools.combinations(FACET_CASES, 2)))
def test_every_pair_of_facets_combines_with_and(client, fixture_data, pair):
    params = {
        name: facet_value(fixture_data, name, FACET_CASES[name][0]) for name in pair
    }
    response = client.get("/search/", params)
    expected = set(FACET_CASES[pair[0]][1]) & set(FACET_CASES[pair[1]][1])
    assert titles(response) == sorted(expected)


def test_values_within_a_facet_combine_with_or(client, fixture_data):
    response = client.get("/search/", {"status": [TESTING, SUSTAINED]})
    assert len(titles(response)) == 4


def test_facet_counts_apply_the_other_facets(client, fixture_data):
    response = client.get("/search/", {"status": TESTING})
    assert facet_counts(response, "status")["Testing changes"] == 2
    assert facet_counts(response, "status")["Sustained"] == 2
    assert facet_counts(response, "profession")["Nurse"] == 2
    assert facet_counts(response, "profession")["Doctor"] == 0
    assert facet_counts(response, "theme")["Digital technology in education"] == 1


def test_facet_counts_show_in_the_form(client, fixture_data):
    response = client.get("/search/")
    assert "Testing changes <span" in response.text
    assert "(2)</span>" in response.text


def test_result_type_facet_lists_consented_fellows_only(client, fixture_data):
    response = client.get("/search/", {"type": "fellow"})
    assert titles(response) == [
        "Fellow of Discharge letters",
        "Fellow of Falls on ward 7",
        "Fellow of Sepsis bundle",
    ]
    assert facet_counts(response, "type")["Fellows"] == 3


def test_fellow_type_combines_with_fellow_facets(client, fixture_data):
    response = client.get(
        "/search/",
        {"type": "fellow", "profession": NURSE, "cohort": fixture_data["late"].pk},
    )
    assert titles(response) == ["Fellow of Discharge letters"]


def test_query_searches_projects_fellows_and_pages(client, fixture_data):
    StandardPageFactory(title="Falls prevention guidance")
    response = client.get("/search/", {"q": "falls"})
    found = titles(response)
    assert "Falls on ward 7" in found
    assert "Falls in the community" in found
    assert "Falls prevention guidance" in found
    assert "Sepsis bundle" not in found


def test_query_never_finds_a_fellow_without_consent(client, fixture_data):
    response = client.get("/search/", {"q": "community", "type": "fellow"})
    assert titles(response) == []
    assert "Fellow of Falls in the community" not in response.text


def test_query_and_facet_combine(client, fixture_data):
    response = client.get("/search/", {"q": "falls", "status": TESTING})
    assert titles(response) == ["Falls on ward 7"]


def test_no_results_says_so_plainly(client, fixture_data):
    response = client.get("/search/", {"q": "zebra"})
    assert response.status_code == 200
    assert "No results for “zebra”." in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"cohort": "not-a-number"},
        {"cohort": "999999"},
        {"profession": "astronaut"},
        {"theme": "<script>"},
        {"organisation": "1.5"},
        {"status": "finished"},
        {"type": "everything"},
    ],
)
def test_unknown_facet_value_is_ignored_with_a_message(client, fixture_data, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert "We ignored a filter by" in response.text
    assert len(titles(response)) == 4


def test_text_page_number_shows_page_one_with_a_message(client, fixture_data):
    response = client.get("/search/", {"page": "two"})
    assert response.status_code == 200
    assert "We did not recognise that page number" in response.text


def test_page_past_the_end_is_404(client, fixture_data):
    assert client.get("/search/", {"page": "99"}).status_code == 404
    assert client.get("/search/", {"page": "-1"}).status_code == 404


def test_very_long_query_is_shortened_not_an_error(client, fixture_data):
    response = client.get("/search/", {"q": "falls " * 400})
    assert response.status_code == 200
    assert "shortened to its first 200 characters" in response.text


@pytest.mark.parametrize("query", ["\x00", "fal\x00ls", "falls\x00", "\x1b[31mfalls"])
def test_control_characters_are_left_out_of_the_query_with_a_message(
    client, fixture_data, query
):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "We left out characters that cannot be searched for" in response.text
    assert "\x00" not in response.text


def test_results_are_paginated(client, fixture_data):
    cohort = fixture_data["early"]
    FellowProjectPageFactory.create_batch(25, parent=cohort)
    first = client.get("/search/")
    assert len(first.context["results"]) == 20
    second = client.get("/search/", {"page": 2})
    assert len(second.context["results"]) == 9
    assert 'aria-current="page"' in second.text


def results_in_order(response):
    return [
        item.name if kind == "fellow" else item.title
        for kind, item, _ in response.context["results"]
    ]


def test_a_page_of_results_runs_on_from_projects_to_fellows(client):
    """Each page reads its own share of each result type: page 1 ends with the
    first fellows and page 2 goes on from the next one."""
    FellowIndexPageFactory()
    cohort = CohortPageFactory()
    projects = [f"Zephyr project {i:02}" for i in range(15)]
    fellows = [f"Zephyr fellow {i:02}" for i in range(10)]
    for title in projects:
        FellowProjectPageFactory(parent=cohort, title=title)
    for name in fellows:
        FellowFactory(name=name, cohort=cohort)

    first = client.get("/search/", {"q": "zephyr"})
    second = client.get("/search/", {"q": "zephyr", "page": 2})

    assert first.context["page_obj"].paginator.count == 25
    assert results_in_order(first) == projects + fellows[:5]
    assert results_in_order(second) == fellows[5:]


def build(count):
    cohort = CohortPageFactory()
    organisation = OrganisationFactory()
    theme = Theme.objects.get(slug="digital-technology")
    for i in range(count):
        project = FellowProjectPageFactory(
            parent=cohort, title=f"Falls project {i}", organisation=organisation
        )
        project.themes.set([theme])
        project.save()
        fellow = FellowFactory(name=f"Falls fellow {i}", cohort=cohort)
        FellowProjectFellow.objects.create(project=project, fellow=fellow)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "falls", "type": "project"}, {"q": "falls", "type": "fellow"}],
    ids=["showcase", "search-projects", "search-fellows"],
)
def test_search_query_count_is_flat(client, count_queries, params):
    FellowIndexPageFactory()
    build(5)
    client.get("/search/", params)  # warm caches
    few = count_queries(lambda: client.get("/search/", params))
    build(45)
    response = client.get("/search/", params)
    assert response.context["page_obj"].paginator.count == 50
    assert count_queries(lambda: client.get("/search/", params)) == few


def test_mixed_search_queries_do_not_grow_with_results(client, count_queries):
    """A page holding projects, fellows and pages costs the most queries; more
    results never add any."""
    FellowIndexPageFactory()
    build(5)
    StandardPageFactory(title="Falls guidance")
    params = {"q": "falls"}
    client.get("/search/", params)
    few = count_queries(lambda: client.get("/search/", params))
    build(45)
    client.get("/search/", params)  # the caches again: the edits bumped their tags
    assert count_queries(lambda: client.get("/search/", params)) <= few


def test_profession_filter_ignores_fellows_without_consent(client, fixture_data):
    """'Falls in the community' has only a doctor who has not consented."""
    response = client.get("/search/", {"profession": DOCTOR})
    assert titles(response) == ["Sepsis bundle"]
    assert facet_counts(response, "profession")["Doctor"] == 1
