"""The computed KPIs' values on known data."""

import datetime
from decimal import Decimal

import pytest

from cohorts.kpis.computing import ProgrammeData, series
from cohorts.models import KPIValue, ProgrammeKPI
from tests.cohorts.qi.test_improvement import BASELINE, LOWER_LEVEL
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    LearningModuleSessionFactory,
    MeasurePointFactory,
    ProgrammeKPIFactory,
    ProjectMeasureFactory,
    SessionFeedbackFactory,
)
from tests.factories.measures import month

Source, Period = ProgrammeKPI.Source, ProgrammeKPI.Period
D = datetime.date


@pytest.fixture
def cohort(db):
    return CohortPageFactory(start_date=D(2015, 1, 1), end_date=D(2015, 12, 31))


def values(kpi, today):
    data = ProgrammeData(kpi.programme, today)
    return [(point.period, point.value) for point in series(kpi, data)]


def kpi(cohort, source, period=Period.MONTHLY):
    return ProgrammeKPIFactory(
        programme=cohort.get_parent().specific, source=source, period=period
    )


def test_satisfaction_is_the_mean_overall_score_of_periods_with_5_answers(cohort):
    march = LearningModuleSessionFactory(cohort=cohort, date=D(2015, 3, 10))
    april = LearningModuleSessionFactory(cohort=cohort, date=D(2015, 4, 10))
    for score in (5, 4, 4, 3, 4):
        SessionFeedbackFactory(session=march, overall=score)
    for score in (1, 1, 1, 1):
        SessionFeedbackFactory(session=april, overall=score)

    assert values(kpi(cohort, Source.SATISFACTION), D(2015, 6, 15)) == [
        (D(2015, 3, 1), Decimal("4.00"))
    ]


def test_another_programmes_feedback_is_not_counted(cohort):
    other = LearningModuleSessionFactory(date=D(2015, 3, 10))
    for _ in range(5):
        SessionFeedbackFactory(session=other)

    assert values(kpi(cohort, Source.SATISFACTION), D(2015, 6, 15)) == []


def test_accreditation_counts_consenting_fellows_complete_by_each_period(cohort):
    complete = AccreditationStatusFactory(award_complete=True)
    FellowFactory(
        cohort=cohort, accreditation_status=complete, accreditation_date=D(2015, 5, 1)
    )
    FellowFactory(cohort=cohort, accreditation_status=complete)  # at cohort end
    FellowFactory(cohort=cohort, accreditation_status=AccreditationStatusFactory())
    FellowFactory(
        cohort=cohort,
        public_consent=False,
        accreditation_status=complete,
        accreditation_date=D(2015, 2, 1),
    )

    # Years later, the points still stop with the cohort's last quarter.
    assert values(
        kpi(cohort, Source.ACCREDITATION, Period.QUARTERLY), D(2020, 2, 1)
    ) == [
        (D(2015, 1, 1), Decimal("0.0")),
        (D(2015, 4, 1), Decimal("33.3")),
        (D(2015, 7, 1), Decimal("33.3")),
        (D(2015, 10, 1), Decimal("66.7")),
    ]


def test_outcomes_per_fellow_count_consenting_fellows_only(cohort):
    named = [FellowFactory(cohort=cohort) for _ in range(3)]
    unnamed = FellowFactory(cohort=cohort, public_consent=False)
    FellowOutcomeFactory(fellow=named[0], date=D(2015, 2, 1))
    FellowOutcomeFactory(fellow=named[1], date=D(2015, 3, 31))
    FellowOutcomeFactory(fellow=named[2], date=D(2015, 8, 1))
    for _ in range(3):
        FellowOutcomeFactory(fellow=unnamed, date=D(2015, 2, 1))

    assert values(kpi(cohort, Source.OUTCOMES, Period.QUARTERLY), D(2016, 1, 1)) == [
        (D(2015, 1, 1), Decimal("0.67")),
        (D(2015, 4, 1), Decimal("0.00")),
        (D(2015, 7, 1), Decimal("0.33")),
        (D(2015, 10, 1), Decimal("0.00")),
    ]


def measure_with(cohort, numbers):
    measure = ProjectMeasureFactory(
        project=FellowProjectPageFactory(parent=cohort),
        improvement_direction="lower_is_better",
    )
    for n, value in enumerate(numbers):
        MeasurePointFactory(
            measure=measure, period=month(n, D(2015, 1, 1)), value=value
        )


def test_improvement_is_the_share_of_projects_improving_at_each_period(cohort):
    measure_with(cohort, BASELINE + LOWER_LEVEL[:7])
    measure_with(cohort, BASELINE + BASELINE[:7])

    points = dict(values(kpi(cohort, Source.IMPROVEMENT), D(2016, 8, 15)))

    assert len(points) == 19  # January 2015 to July 2016
    assert points[D(2015, 12, 1)] == Decimal("0.0")
    assert points[D(2016, 7, 1)] == Decimal("50.0")


def test_entered_values_are_charted_in_date_order(cohort):
    entered = kpi(cohort, Source.ENTERED)
    KPIValue.objects.create(kpi=entered, period=D(2015, 2, 1), value=7)
    KPIValue.objects.create(kpi=entered, period=D(2015, 1, 1), value=5)

    assert values(entered, D(2015, 6, 1)) == [
        (D(2015, 1, 1), Decimal(5)),
        (D(2015, 2, 1), Decimal(7)),
    ]


def test_a_computed_kpi_takes_its_sources_unit(cohort):
    saved = ProgrammeKPIFactory(
        programme=cohort.get_parent().specific,
        source=Source.ACCREDITATION,
        unit="apples",
        unit_kind="other",
    )

    saved.refresh_from_db()
    assert (saved.unit, saved.unit_kind) == ("%", "percentage")
