"""The values of a programme's computed KPIs, period by period.

Periods run from the start of the programme's first cohort to the period in
which its last cohort ends, or holds the source's latest data if that is
later (a measure charted after the fellowship year), but never past the last
period that has ended; a period with nothing to count has no point.

What each source counts (the public page says the same, in SOURCE_NOTES)
    Learner satisfaction: the mean answer to "Overall, how good was the
        session?" (1 to 5) over the module sessions of the programme's cohorts
        held in the period, when there are at least FEEDBACK_THRESHOLD answers
        (cohorts.feedback.results).
    Accreditation award complete: of the consenting fellows
        (Fellow.public_consent) of the cohorts that had started by the end of
        the period, the percentage whose accreditation status is marked
        ``award_complete`` and whose award was complete by then (the date
        staff recorded, or else the end of their cohort).
    Projects with a sustained improvement: of the live, public projects of the
        programme with approved measure data by the end of the period, the
        percentage with at least one measure that shows a sustained
        improvement on its chart of the points up to then
        (cohorts.measures.improvement.sustained_improvements, as the outcomes
        count it).
    Outcome records per fellow: the outcome records of the consenting fellows
        dated in the period, divided by the number of consenting fellows of
        the cohorts that had started by its end.
    Only consenting fellows are counted in the fellows' KPIs, as in the
    outcomes (cohorts/outcomes/counting.py): a fellow who chose not to be
    named is in no published figure that could be compared with another.

Queries: ProgrammeData loads each source once, whatever the number of KPIs,
periods and points.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils import timezone

from cohorts.feedback.results import FEEDBACK_THRESHOLD
from cohorts.measures import improvement
from cohorts.models import (
    CohortPage,
    Fellow,
    FellowOutcome,
    FellowProjectPage,
    MeasurePoint,
    ParentPath,
    ProgrammeKPI,
    ProjectMeasure,
    ProjectUpdatePage,
)
from cohorts.outcomes.signals import first_pdsa_dates
from home.restrictions import not_restricted
from modules.models import SessionFeedback

Source = ProgrammeKPI.Source

SOURCE_NOTES = {
    Source.SATISFACTION: "The mean of the fellows' answers to \"Overall, how good "
    'was the session?" (1 = very poor, 5 = very good) for the module sessions '
    "held in each period. A period with fewer than 5 answers has no point, and "
    "no answer is ever shown with a name.",
    Source.ACCREDITATION: "Of the fellows who agreed to be named on this site, in "
    "the cohorts that had started by the end of each period: the percentage "
    "whose accreditation award was complete by then. Fellows who chose not to "
    "be named are not counted, so that no figure tells anything about one of them.",
    Source.IMPROVEMENT: "Of the published projects with approved measure data by "
    "the end of each period: the percentage with at least one measure whose "
    "chart showed a sustained improvement at that date (never a balancing "
    "measure, not made by an astronomical point, and still holding at the "
    "latest point).",
    Source.OUTCOMES: "The outcome records (presentations, posters, publications, "
    "awards, promotions, work spread) dated in each period, per fellow who agreed "
    "to be named, in the cohorts that had started by the end of the period. "
    "Fellows who chose not to be named are not counted.",
    Source.ENTERED: "Entered by the programme team, one value per period.",
}


@dataclass(frozen=True)
class KPIPoint:
    """A point of a KPI's chart (what the charts read of a MeasurePoint)."""

    period: datetime.date
    value: Decimal
    annotation: str = ""
    astronomical: bool = False


def period_start(day, period):
    months = 3 if period == ProgrammeKPI.Period.QUARTERLY else 1
    return day.replace(month=(day.month - 1) // months * months + 1, day=1)


def next_period(start, period):
    months = 3 if period == ProgrammeKPI.Period.QUARTERLY else 1
    month = start.month - 1 + months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1)


def periods(first_day, period, until):
    """(start, end) of each period from the one holding ``first_day`` to the
    last that ends before ``until``."""
    start = period_start(first_day, period)
    while (following := next_period(start, period)) <= until:
        yield start, following - datetime.timedelta(days=1)
        start = following


def share(part, whole):
    return Decimal(f"{100 * part / whole:.1f}")


class ProgrammeData:
    """What the programme's computed KPIs count, each loaded on first use."""

    def __init__(self, programme, today=None):
        self.today = today or timezone.localdate()
        self.cohorts = {
            cohort.pk: cohort
            for cohort in CohortPage.objects.child_of(programme)
            .live()
            .filter(not_restricted())
        }

    @property
    def first_day(self):
        return min((c.start_date for c in self.cohorts.values()), default=None)

    def until(self, period, last_data):
        """The day after the last period to count."""
        last = max(
            [cohort.end_date for cohort in self.cohorts.values()],
            default=self.first_day,
        )
        last = max(last, last_data or last)
        return min(self.today, next_period(period_start(last, period), period))

    def started_by(self, day):
        return {pk for pk, cohort in self.cohorts.items() if cohort.start_date <= day}

    @cached_property
    def answers(self):
        """(session date, overall score) of every answer."""
        return list(
            SessionFeedback.objects.filter(
                session__cohort__in=self.cohorts
            ).values_list("session__date", "overall")
        )

    @cached_property
    def fellows(self):
        """(cohort pk, the date their award was complete or None) per consenting
        fellow."""
        rows = Fellow.objects.public().filter(cohort__in=self.cohorts)
        return [
            (cohort, (day or self.cohorts[cohort].end_date) if complete else None)
            for cohort, complete, day in rows.values_list(
                "cohort", "accreditation_status__award_complete", "accreditation_date"
            )
        ]

    @cached_property
    def outcome_dates(self):
        return list(
            FellowOutcome.objects.filter(
                fellow__in=Fellow.objects.public().filter(cohort__in=self.cohorts)
            ).values_list("date", flat=True)
        )

    @cached_property
    def measures(self):
        """(the measures of the live public projects, their approved points in
        date order, the projects' first PDSA cycle dates)."""
        projects = (
            FellowProjectPage.objects.live()
            .filter(not_restricted())
            .annotate(cohort_path=ParentPath())
            .filter(cohort_path__in=[c.path for c in self.cohorts.values()])
        )
        measures = list(
            ProjectMeasure.objects.filter(project__in=projects.values("pk")).order_by()
        )
        points = {}
        for point in MeasurePoint.objects.approved().filter(
            measure__in=[m.pk for m in measures]
        ):
            points.setdefault(point.measure_id, []).append(point)
        updates = ProjectUpdatePage.objects.live().filter(not_restricted())
        return measures, points, first_pdsa_dates(updates, projects)


def series(kpi, data):
    """The KPI's points, oldest first."""
    if kpi.source == Source.ENTERED:
        return [
            KPIPoint(value.period, value.value, value.annotation)
            for value in sorted(kpi.values.all(), key=lambda value: value.period)
        ]
    if data.first_day is None:
        return []
    count, last_data = COUNTERS[kpi.source]
    until = data.until(kpi.period, last_data(data))
    points = []
    for start, end in periods(data.first_day, kpi.period, until):
        value = count(data, start, end)
        if value is not None:
            points.append(KPIPoint(start, value))
    return points


def satisfaction(data, start, end):
    scores = [score for day, score in data.answers if start <= day <= end]
    if len(scores) < FEEDBACK_THRESHOLD:
        return None
    return Decimal(f"{sum(scores) / len(scores):.2f}")


def accreditation(data, start, end):
    started = data.started_by(end)
    fellows = [done for cohort, done in data.fellows if cohort in started]
    if not fellows:
        return None
    return share(sum(1 for done in fellows if done and done <= end), len(fellows))


def sustained(data, start, end):
    measures, points, first_changes = data.measures
    upto = {
        pk: [point for point in series if point.period <= end]
        for pk, series in points.items()
    }
    signals = improvement.sustained_improvements(measures, upto, first_changes)
    projects = {m.project_id for m in measures if upto.get(m.pk)}
    if not projects:
        return None
    improving = {m.project_id for m in measures if signals.get(m.pk)}
    return share(len(improving), len(projects))


def outcomes_per_fellow(data, start, end):
    started = data.started_by(end)
    fellows = sum(1 for cohort, _ in data.fellows if cohort in started)
    if not fellows:
        return None
    records = sum(1 for day in data.outcome_dates if start <= day <= end)
    return Decimal(f"{records / fellows:.2f}")


# Per source: its count for a period, and the date of its latest data.
COUNTERS = {
    Source.SATISFACTION: (
        satisfaction,
        lambda data: max((day for day, _ in data.answers), default=None),
    ),
    Source.ACCREDITATION: (
        accreditation,
        lambda data: max((day for _, day in data.fellows if day), default=None),
    ),
    Source.IMPROVEMENT: (
        sustained,
        lambda data: max(
            (p.period for series in data.measures[1].values() for p in series),
            default=None,
        ),
    ),
    Source.OUTCOMES: (
        outcomes_per_fellow,
        lambda data: max(data.outcome_dates, default=None),
    ),
}
