"""The breadcrumbs of a routable sub-page: the page serving it is the last
crumb (and the back link), after its own ancestors; a KPI's page has the
"How we are doing" board between."""

import re

import pytest

from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    ProgrammeKPIFactory,
    ProgrammePageFactory,
)
from tests.factories.pages import home_page


def crumbs(response):
    """The breadcrumb trail as (title, url) pairs, and the back link's URL."""
    assert response.status_code == 200
    nav = re.search(
        r'<nav class="nhsuk-breadcrumb".*?</nav>', response.text, re.DOTALL
    ).group(0)
    links = re.findall(
        r'<a class="nhsuk-breadcrumb__link" href="([^"]*)">\s*(.*?)\s*</a>', nav
    )
    back = re.search(r'<a class="nhsuk-back-link" href="([^"]*)"', nav).group(1)
    return [(title, url) for url, title in links], back


@pytest.fixture
def programme(db):
    return ProgrammePageFactory(title="Northfield QI Fellowship")


def test_the_board_leads_back_to_its_programme(client, programme):
    trail, back = crumbs(
        client.get(programme.url + programme.reverse_subpage("how_we_are_doing"))
    )

    assert trail == [(home_page().title, "/"), (programme.title, programme.url)]
    assert back == programme.url


def test_a_kpi_page_leads_back_to_the_board_under_its_programme(client, programme):
    kpi = ProgrammeKPIFactory(programme=programme)
    board = programme.url + programme.reverse_subpage("how_we_are_doing")

    trail, back = crumbs(
        client.get(programme.url + programme.reverse_subpage("kpi", args=[kpi.pk]))
    )

    assert trail == [
        (home_page().title, "/"),
        (programme.title, programme.url),
        ("How we are doing", board),
    ]
    assert back == board


def test_the_impact_summary_leads_back_to_its_programme(client, programme):
    trail, back = crumbs(
        client.get(programme.url + programme.reverse_subpage("impact"))
    )

    assert trail[-1] == (programme.title, programme.url)
    assert back == programme.url


def test_a_cohorts_outcomes_lead_back_to_the_cohort(client, programme):
    cohort = CohortPageFactory(parent=programme)

    trail, back = crumbs(client.get(cohort.url + cohort.reverse_subpage("outcomes")))

    assert trail[-2:] == [(programme.title, programme.url), (cohort.title, cohort.url)]
    assert back == cohort.url


def test_a_fellows_profile_leads_back_to_the_fellows_directory(client, db):
    directory = FellowIndexPageFactory()
    fellow = FellowFactory(public_consent=True)

    trail, back = crumbs(
        client.get(
            directory.url + directory.reverse_subpage("profile", args=[fellow.slug])
        )
    )

    assert trail[-1] == (directory.title, directory.url)
    assert back == directory.url
