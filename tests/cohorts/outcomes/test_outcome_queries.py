"""The outcome pages keep flat query counts: a programme of 2 cohorts of 5
fellows and one of 8 cohorts of 40 fellows (each with a project, a measure and
its data) use the same number of queries."""

import datetime

import pytest

from cohorts.models import (
    Fellow,
    FellowOutcome,
    FellowProjectFellow,
    FellowProjectPage,
    MeasurePoint,
    ProjectMeasure,
)
from cohorts.outcomes import counting
from home.restrictions import restrictions
from tests.cohorts.qi.test_improvement import BASELINE, LOWER_LEVEL
from tests.conftest import kept_for_scope
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ProjectMeasureFactory,
)
from tests.factories.measures import month

pytestmark = pytest.mark.django_db

STATUSES = list(FellowProjectPage.Status)
KINDS = list(FellowOutcome.Kind)


def programme_of(cohorts, fellows):
    """A programme whose every fellow has an organisation, an accreditation
    status, a project with a measure and an outcome record, all varied (every
    other measure shows a sustained improvement)."""
    programme = ProgrammePageFactory()
    organisations = OrganisationFactory.create_batch(3)
    statuses = [
        AccreditationStatusFactory(),
        AccreditationStatusFactory(award_complete=True),
    ]
    for year in range(cohorts):
        cohort = CohortPageFactory(
            parent=programme,
            start_date=datetime.date(2012 + year, 9, 1),
            end_date=datetime.date(2013 + year, 8, 31),
        )
        members = Fellow.objects.bulk_create(
            FellowFactory.build(
                cohort=cohort,
                organisation=organisations[i % 3],
                accreditation_status=statuses[i % 2],
                public_consent=i % 3 != 0,
            )
            for i in range(fellows)
        )
        FellowOutcome.objects.bulk_create(
            FellowOutcomeFactory.build(fellow=fellow, kind=KINDS[i % len(KINDS)])
            for i, fellow in enumerate(members)
        )
        links = FellowProjectFellow.objects.bulk_create(
            FellowProjectFellow(
                fellow=fellow,
                project=FellowProjectPageFactory(
                    parent=cohort, status=STATUSES[i % len(STATUSES)]
                ),
            )
            for i, fellow in enumerate(members)
        )
        measures = ProjectMeasure.objects.bulk_create(
            ProjectMeasureFactory.build(
                project=link.project, improvement_direction="lower_is_better"
            )
            for link in links
        )
        MeasurePoint.objects.bulk_create(
            MeasurePoint(measure=measure, period=month(n), value=value, approved=True)
            for i, measure in enumerate(measures)
            for n, value in enumerate(
                BASELINE + (LOWER_LEVEL[:7] if i % 2 else BASELINE)
            )
        )
    return programme


@pytest.fixture(scope="module")
def programmes(django_db_setup, django_db_blocker):
    """Built once for the module (it takes seconds) inside a transaction that
    is rolled back afterwards; each test runs in a savepoint within it."""
    with kept_for_scope(django_db_blocker):
        FellowIndexPageFactory()
        yield programme_of(2, 5), programme_of(8, 40)


def queries_for(client, count_queries, url):
    """The queries of a warm server's request: the first reads fill the site
    root paths, the generations of the page cache's tags and the cached
    outcomes (home/pagecache.py)."""
    for _ in range(2):
        client.get(url)
    return count_queries(lambda: client.get(url))


def test_programme_page_queries_do_not_grow(client, count_queries, programmes):
    small, large = programmes
    assert counting.for_programme(large).total.fellows == 320
    assert counting.for_programme(large).total.improving_measures == 160
    assert queries_for(client, count_queries, small.url) == queries_for(
        client, count_queries, large.url
    )


def test_impact_page_queries_do_not_grow(client, count_queries, programmes):
    small, large = programmes
    assert queries_for(client, count_queries, f"{small.url}impact/") == queries_for(
        client, count_queries, f"{large.url}impact/"
    )


def test_cohort_page_queries_do_not_grow(client, count_queries, programmes):
    small, large = (programme.get_cohorts().first() for programme in programmes)
    assert counting.for_cohort(large).fellows == 40
    assert queries_for(client, count_queries, small.url) == queries_for(
        client, count_queries, large.url
    )


def test_outcome_csv_queries_do_not_grow(client, count_queries, programmes):
    small, large = (programme.get_cohorts().first() for programme in programmes)
    assert queries_for(
        client, count_queries, f"/cohorts/{small.pk}/outcomes.csv"
    ) == queries_for(client, count_queries, f"/cohorts/{large.pk}/outcomes.csv")


def test_outcomes_of_many_cohorts_take_a_fixed_number_of_queries(
    count_queries, programmes
):
    small, large = programmes
    restrictions()  # read once and kept, as the site's root paths are
    assert count_queries(lambda: counting.for_programme(small)) == count_queries(
        lambda: counting.for_programme(large)
    )
