"""What the search page shows around its results: the results before the
filters, the filters in a disclosure, the chosen filters as tags that remove
one filter each, and cohorts named with their programme."""

import re

import pytest

from cohorts.models import FellowProjectFellow
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins():
    """Two programmes, each with a "Cohort 2016/17" and a project in it."""
    cohorts = []
    for programme in ("QI Fellowship", "Clinical Leadership"):
        cohort = CohortPageFactory(
            parent=ProgrammePageFactory(title=programme), title="Cohort 2016/17"
        )
        FellowProjectPageFactory(parent=cohort, title=f"{programme} project")
        cohorts.append(cohort)
    return cohorts


def test_cohorts_of_the_same_name_are_told_apart_by_their_programme(client, twins):
    html = client.get("/search/").text
    for cohort in twins:
        label = f"{cohort.get_parent().title} – Cohort 2016/17"
        assert re.search(rf">{label} <span[^>]*>\(1\)</span></label>", html)


def test_results_come_before_the_filters_which_sit_in_a_disclosure(client, twins):
    html = client.get("/search/").text
    assert html.index('id="results-heading"') < html.index(
        '<details class="nhsuk-details" id="filters">'
    )
    assert html.index("QI Fellowship project") < html.index('name="cohort"')
    assert "Filter the results" in html


def test_disclosure_is_open_once_a_filter_is_chosen(client, twins):
    html = client.get("/search/", {"cohort": twins[0].pk}).text
    assert '<details class="nhsuk-details" id="filters" open>' in html


def test_each_chosen_filter_is_a_tag_that_removes_it(client, twins):
    first, second = twins
    params = {"q": "project", "cohort": [first.pk, second.pk], "status": "testing"}
    html = client.get("/search/", params).text
    tags = re.findall(
        r'<a href="/search/\?([^"]*)"><span class="nhsuk-u-visually-hidden">'
        r"Remove the filter </span>\s*<strong[^>]*>\s*([^<]+?)"
        r'<span aria-hidden="true"> ×</span>\s*</strong>',
        html,
    )
    assert tags == [
        (
            f"q=project&amp;cohort={second.pk}&amp;status=testing",
            "Cohort: QI Fellowship – Cohort 2016/17",
        ),
        (
            f"q=project&amp;cohort={first.pk}&amp;status=testing",
            "Cohort: Clinical Leadership – Cohort 2016/17",
        ),
        (
            f"q=project&amp;cohort={first.pk}&amp;cohort={second.pk}",
            "Project status: Testing changes",
        ),
    ]


def test_removing_the_last_filter_leaves_the_search(client, twins):
    html = client.get("/search/", {"q": "project", "cohort": twins[0].pk}).text
    assert '<a href="/search/?q=project"><span class="nhsuk-u-visually-hidden">' in html


def test_unchosen_and_unknown_filters_make_no_tags(client, twins):
    html = client.get("/search/", {"cohort": "99999", "status": "nonsense"}).text
    assert "Remove the filter" not in html
    assert "We ignored a filter by cohort that we did not recognise." in html


def test_fellow_result_names_the_cohort_with_its_programme(client, twins):
    FellowIndexPageFactory()
    FellowFactory(name="Ann Able", cohort=twins[1])
    html = client.get("/search/", {"q": "Ann", "type": "fellow"}).text
    assert "Clinical Leadership – Cohort 2016/17" in html


def populate(count):
    """`count` cohorts in `count` programmes, each with a project and a fellow."""
    for n in range(count):
        cohort = CohortPageFactory(title="Cohort 2016/17")
        project = FellowProjectPageFactory(parent=cohort, title=f"Falls {n}")
        fellow = FellowFactory(name=f"Falls fellow {n}", cohort=cohort)
        FellowProjectFellow.objects.create(project=project, fellow=fellow)


@pytest.mark.parametrize("params", [{}, {"q": "falls"}], ids=["showcase", "search"])
def test_search_page_queries_do_not_grow_with_cohorts(client, count_queries, params):
    FellowIndexPageFactory()
    populate(2)
    client.get("/search/", params)  # warm the site-root cache
    few = count_queries(lambda: client.get("/search/", params))
    populate(10)
    client.get("/search/", params)  # the caches again: the edits bumped their tags
    assert count_queries(lambda: client.get("/search/", params)) == few
