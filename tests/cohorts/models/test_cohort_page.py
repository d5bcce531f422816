"""The cohort page leads with its projects, then its fellows, a page of each at
a time; its outcomes are summed up, in full on the outcomes/ sub-page. The
programme page leads with its cohorts."""

import re

import pytest

from cohorts.models import FellowProjectFellow
from tests.cohorts.models.test_queries import populate
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

CARD = re.compile(r'class="nhsuk-card__link" href="[^"]+">([^<]+)</a>')


def section(html, name):
    return html.split(f'<h2 id="{name}">')[1].split("<h2")[0]


@pytest.fixture
def cohort(db):
    programme = ProgrammePageFactory(title="QI Fellowship")
    return CohortPageFactory(parent=programme, title="Cohort 2014/15")


def test_cohort_page_leads_with_projects_then_fellows_then_outcomes(client, cohort):
    FellowProjectPageFactory(parent=cohort)
    FellowFactory(cohort=cohort)
    html = client.get(cohort.url).text
    order = [html.index(f'<h2 id="{name}">') for name in ("projects", "fellows")]
    order += [html.index('<h2 id="outcomes">'), html.index('<h2 id="timetable">')]
    assert order == sorted(order)
    assert "Bar chart" not in html


def test_cohort_project_card_names_the_fellow_who_consented(client, cohort):
    project = FellowProjectPageFactory(
        parent=cohort, organisation=OrganisationFactory(name="Northfield")
    )
    for name, consent in (("Ann Able", True), ("Hidden Harriet", False)):
        FellowProjectFellow.objects.create(
            project=project,
            fellow=FellowFactory(name=name, cohort=cohort, public_consent=consent),
        )
    html = client.get(cohort.url).text
    assert "Ann Able · Northfield" in section(html, "projects")
    assert "Hidden Harriet" not in html


def test_cohort_page_sums_up_the_outcomes_with_a_link_to_them_all(client, cohort):
    FellowFactory(cohort=cohort)
    FellowFactory(cohort=cohort, public_consent=False)
    html = section(client.get(cohort.url).text, "outcomes")
    assert re.search(r"Fellows\s*</dt>\s*<dd[^>]*>\s*2\s*</dd>", html)
    assert (
        f'<a href="{cohort.url}outcomes/">All the outcomes of Cohort 2014/15, '
        "with charts and data tables</a>"
    ) in html


def test_cohort_outcomes_page_has_its_own_head_and_the_csv(client, cohort):
    response = client.get(f"{cohort.url}outcomes/")
    assert response.status_code == 200
    html = response.text
    assert "<title>Outcomes: QI Fellowship – Cohort 2014/15 – " in html
    assert f'<link rel="canonical" href="{cohort.full_url}outcomes/">' in html
    assert f'href="/cohorts/{cohort.pk}/outcomes.csv" download' in html
    assert client.get(f"/cohorts/{cohort.pk}/outcomes.csv").status_code == 200


def test_cohort_outcomes_page_is_in_the_sitemap(client, cohort):
    assert f"<loc>{cohort.full_url}outcomes/</loc>" in client.get("/sitemap.xml").text


def test_cohort_projects_paginate_twelve_to_a_page(client, cohort):
    for n in range(13):
        FellowProjectPageFactory(parent=cohort, title=f"Project {n:02d}")
    first = CARD.findall(section(client.get(cohort.url).text, "projects"))
    second_page = client.get(f"{cohort.url}?page=2").text
    second = CARD.findall(section(second_page, "projects"))
    assert len(first) == 12
    assert second == ["Project 12"]
    assert 'aria-label="Pages of projects"' in second_page
    assert (
        '<a href="?page=1#projects" class="nhsuk-pagination__previous"' in second_page
    )


def test_cohort_fellows_paginate_on_their_own_parameter(client, cohort):
    FellowIndexPageFactory()
    for n in range(13):
        FellowFactory(cohort=cohort, name=f"Fellow {n:02d}")
    html = client.get(f"{cohort.url}?fellows-page=2").text
    assert CARD.findall(section(html, "fellows")) == ["Fellow 12"]
    assert 'href="?fellows-page=1#fellows" class="nhsuk-pagination__previous"' in html


@pytest.mark.parametrize("number", ["2", "0", "-1", "abc", "1.5", "9" * 30])
def test_cohort_page_that_does_not_exist_is_not_found(client, cohort, number):
    FellowProjectPageFactory(parent=cohort)
    assert client.get(f"{cohort.url}?page={number}").status_code == 404
    assert client.get(f"{cohort.url}?fellows-page={number}").status_code == 404


def test_programme_page_leads_with_its_cohorts(client, cohort):
    programme = cohort.get_parent()
    html = client.get(programme.url).text
    assert html.index('<h2 id="cohorts">') < html.index('<h2 id="outcomes">')
    assert CARD.findall(section(html, "cohorts")) == ["Cohort 2014/15"]
    assert f'<a href="{programme.url}impact/">All the outcomes of QI Fellowship' in html


def queries_for(client, count_queries, url):
    client.get(url)  # warm the site-root cache
    return count_queries(lambda: client.get(url))


def test_cohort_outcomes_page_queries_do_not_grow(client, count_queries):
    small, large = CohortPageFactory(), CohortPageFactory()
    populate(small, 2)
    populate(large, 12)
    few = queries_for(client, count_queries, f"{small.url}outcomes/")
    assert queries_for(client, count_queries, f"{large.url}outcomes/") == few


def test_programme_page_queries_do_not_grow_with_cohorts(client, count_queries):
    small, large = ProgrammePageFactory(), ProgrammePageFactory()
    for programme, cohorts in ((small, 2), (large, 12)):
        for _ in range(cohorts):
            populate(CohortPageFactory(parent=programme), 1)
    few = queries_for(client, count_queries, small.url)
    assert queries_for(client, count_queries, large.url) == few
