""" "Measures with a sustained improvement" counts what a QI practitioner would
(issue 12): never a balancing measure, not an improvement made by an
astronomical point, still holding at the latest points, and not started before
the project's first PDSA cycle; and the pages say so in words."""

import datetime

import pytest

from cohorts.models import ProjectMeasure
from cohorts.outcomes import counting
from tests.cohorts.qi.test_improvement import (
    BASELINE,
    CHANGE,
    ISSUE_EXAMPLE,
    LOWER_LEVEL,
    OUTLIER,
)
from tests.factories import (
    CohortPageFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
)

from ..measures.test_measures import pdsa_cycle
from .test_outcomes import measure_with

IMPROVING = BASELINE + LOWER_LEVEL[:7]  # lower is better: a shift from CHANGE
# The 9 ordinary points "below" a mean pulled up by one outlier reach the end.
MADE_BY_AN_OUTLIER = ISSUE_EXAMPLE[:-7]


@pytest.fixture
def cohort(db):
    return CohortPageFactory(parent=ProgrammePageFactory(title="QI Fellowship"))


def improving(cohort):
    outcomes = counting.for_cohort(cohort)
    return outcomes.improving_measures, outcomes.measures


def mark_astronomical(measure, index):
    point = measure.points.order_by("period")[index]
    point.astronomical = True
    point.save()


def test_balancing_measures_are_never_counted(cohort):
    project = FellowProjectPageFactory(parent=cohort)
    measure_with(project, IMPROVING, kind=ProjectMeasure.Kind.OUTCOME)
    measure_with(project, IMPROVING, kind=ProjectMeasure.Kind.PROCESS)
    measure_with(project, IMPROVING, kind=ProjectMeasure.Kind.BALANCING)
    measure_with(project, IMPROVING, kind=ProjectMeasure.Kind.BALANCING)
    assert improving(cohort) == (2, 4)
    total = counting.for_programme(cohort.get_parent().specific).total
    assert (total.improving_measures, total.measures) == (2, 4)


def test_the_issue_example_is_not_counted(cohort):
    """One outlier pulled the mean up, the 9 points after it sit below it,
    the signal started before the first PDSA cycle, and the last 7 points sit
    on the mean."""
    project = FellowProjectPageFactory(parent=cohort)
    measure = measure_with(project, ISSUE_EXAMPLE)
    mark_astronomical(measure, OUTLIER)
    ProjectUpdatePageFactory(
        parent=project, pdsa_cycles=[pdsa_cycle("Rounding", datetime.date(2016, 6, 1))]
    )
    assert improving(cohort) == (0, 1)


def test_an_improvement_made_by_an_astronomical_point_is_not_counted(cohort):
    measure = measure_with(FellowProjectPageFactory(parent=cohort), MADE_BY_AN_OUTLIER)
    assert improving(cohort) == (1, 1)  # until an editor marks the outlier
    mark_astronomical(measure, OUTLIER)
    assert improving(cohort) == (0, 1)


def test_an_astronomical_point_does_not_hide_a_real_improvement(cohort):
    values = BASELINE + LOWER_LEVEL[:4] + [30] + LOWER_LEVEL[4:9]
    measure = measure_with(FellowProjectPageFactory(parent=cohort), values)
    mark_astronomical(measure, 16)
    assert improving(cohort) == (1, 1)


def test_a_shift_the_data_has_since_left_is_not_counted(cohort):
    values = BASELINE + LOWER_LEVEL[:9] + [8.0, 8.6, 8.1, 8.5, 7.9, 8.7, 8.2]
    measure_with(FellowProjectPageFactory(parent=cohort), values)
    assert improving(cohort) == (0, 1)


@pytest.mark.parametrize(
    ("first_cycle", "counted"),
    [
        (datetime.date(2016, 3, 1), 0),  # the shift began in January 2016
        (CHANGE, 1),
        (datetime.date(2015, 11, 1), 1),
    ],
)
def test_an_improvement_must_not_start_before_the_first_pdsa_cycle(
    cohort, first_cycle, counted
):
    project = FellowProjectPageFactory(parent=cohort)
    measure_with(project, IMPROVING)
    ProjectUpdatePageFactory(
        parent=project,
        pdsa_cycles=[
            pdsa_cycle("Later idea", first_cycle + datetime.timedelta(days=90)),
            pdsa_cycle("First idea", first_cycle),
        ],
    )
    ProjectUpdatePageFactory(
        parent=project,
        live=False,  # a draft's cycles are not the project's record
        pdsa_cycles=[pdsa_cycle("Draft idea", datetime.date(2014, 1, 1))],
    )
    assert improving(cohort) == (counted, 1)


def test_another_projects_pdsa_cycles_do_not_count(cohort):
    project = FellowProjectPageFactory(parent=cohort)
    measure_with(project, IMPROVING)
    other = FellowProjectPageFactory(parent=cohort)
    ProjectUpdatePageFactory(
        parent=other, pdsa_cycles=[pdsa_cycle("Elsewhere", datetime.date(2016, 3, 1))]
    )
    assert improving(cohort) == (1, 1)


RULE_IN_WORDS = (
    "It counts a measure only if it is an outcome or process measure (balancing "
    "measures watch for harm and are never counted)"
)


def test_cohort_and_programme_outcome_pages_say_what_the_number_counts(client, cohort):
    project = FellowProjectPageFactory(parent=cohort)
    measure_with(project, IMPROVING)
    measure_with(project, IMPROVING, kind=ProjectMeasure.Kind.BALANCING)
    programme = cohort.get_parent().specific
    for url in (f"{cohort.url}outcomes/", f"{programme.url}impact/"):
        html = client.get(url).text
        assert RULE_IN_WORDS in html, url
        assert "astronomical" in html
        assert "latest point" in html
        assert "first PDSA cycle" in html
