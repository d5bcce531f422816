"""A project's measures and their data, and the IHI progress scale.

ProjectMeasure is a child of the project page, edited inline in its "Measures"
tab and published with the page. MeasurePoint is deliberately *not* part of the
page: a measure's data is entered on its own admin page (typed in, pasted or
uploaded, cohorts/measures/views.py), is saved straight to the database and is
never rolled back by publishing an older revision of the page. Who approves
it is PointApproval's rule.

Periods
    A point is stored at the start of its period (``normalise_period``): a
    monthly measure's on the first of the month, a quarterly measure's on the
    first day of the quarter, a weekly measure's on the Monday. A fortnight
    has no fixed start, so a fortnightly measure's points are dated the Monday
    of their week too, and nothing checks that they are two weeks apart. A
    daily measure's date is kept. A date after today is refused. The data
    page and the import both call it, and tell the user when a date moved
    (``period_note``).

Astronomical points
    Whether a point is "astronomical" (obviously different from the rest) is a
    judgement, so an editor marks it (``MeasurePoint.astronomical``); nothing
    computes it. A marked point is still drawn, but a sustained improvement
    must show without it (cohorts/qi/improvement.py).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.models import Orderable

from cohorts import qi
from cohorts.qi.summary import format_month
from cohorts.roles import can_approve


def plain_number(value):
    """A stored value without the zeros its decimal places add: 6.5, not 6.500;
    100, not 1E+2. For showing a value, not for comparing it."""
    return Decimal(f"{Decimal(str(value)).normalize():f}")


# The IHI project progress scale.
PROGRESS_SCORES = [
    (Decimal("0.5"), "0.5: Intent to participate"),
    (Decimal("1.0"), "1.0: Forming the team"),
    (Decimal("1.5"), "1.5: Planning for the project has begun"),
    (Decimal("2.0"), "2.0: Activity, but no changes"),
    (Decimal("2.5"), "2.5: Changes tested, but no improvement"),
    (Decimal("3.0"), "3.0: Modest improvement"),
    (Decimal("3.5"), "3.5: Improvement"),
    (Decimal("4.0"), "4.0: Significant improvement"),
    (Decimal("4.5"), "4.5: Sustainable improvement"),
    (Decimal("5.0"), "5.0: Outstanding sustainable results"),
]


class MeasureDataPanel(Panel):
    """In each measure row of the page editor: a link to the measure's data page
    (the data is not part of the page, see the module docstring)."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            measure = self.instance
            return render_to_string(
                "cohorts/admin/measure_data_panel.html",
                {
                    "measure": measure,
                    "url": reverse("cohorts_measures:data", args=[measure.pk])
                    if measure.pk
                    else "",
                },
            )


class Charted:
    """What the charts (cohorts/measures/charts.py) read of a series, shared by
    a project's measure and a programme's KPI (cohorts/models/kpis.py), and
    the bounds of its values: the model has ``kind``, ``unit``, ``unit_kind``
    (a ProjectMeasure.UnitKind), ``improvement_direction``, ``target`` and
    ``recalculate_from``."""

    SPC_MIN_POINTS = 12

    @property
    def target_value(self):
        return None if self.target is None else float(self.target)

    def analyse(self, points):
        """The analysis of the measure's points (at least one) as its chart
        shows it: a qi.RunChartAnalysis until there are SPC_MIN_POINTS points,
        then a qi.SpcAnalysis with limits recalculated from the change date.
        Either reads the measure's kind (outcome, process or balancing) and
        the kind of its unit."""
        direction = self.improvement_direction
        about = {"role": self.kind, "unit_kind": self.unit_kind}
        if len(points) >= self.SPC_MIN_POINTS:
            return qi.analyse_spc(
                points,
                direction,
                target=self.target_value,
                change_date=self.recalculate_from,
                **about,
            )
        return qi.analyse_run_chart(points, direction, **about)

    def check_value(self, value):
        """Raises ValidationError for a value its kind of unit cannot take: a
        percentage lives between 0 and 100, a count or a rate at or above 0."""
        low, high = qi.UnitKind(self.unit_kind).bounds
        if (low is not None and value < low) or (high is not None and value > high):
            kind = qi.UnitKind(self.unit_kind).value  # "rate", "percentage"...
            limits = (
                f"between {low:g} and {high:g}"
                if high is not None
                else (f"{low:g} or more")
            )
            raise ValidationError(f"A {kind} is {limits}; {value:g} is not.")

    @property
    def unit_suffix(self):
        """The unit as the charts append it to a value: "45%", "3.2 falls"."""
        if not self.unit or self.unit.startswith("%"):
            return self.unit
        return f" {self.unit}"


class ProjectMeasure(Charted, Orderable):
    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome"
        PROCESS = "process", "Process"
        BALANCING = "balancing", "Balancing"

    class Direction(models.TextChoices):
        # The values are cohorts.qi.ImprovementDirection's.
        HIGHER = "higher_is_better", "Higher is better"
        LOWER = "lower_is_better", "Lower is better"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"

    class UnitKind(models.TextChoices):
        # The values are cohorts.qi.UnitKind's.
        PERCENTAGE = "percentage", "Percentage (0 to 100)"
        COUNT = "count", "Count (0 or more)"
        RATE = "rate", "Rate (0 or more)"
        OTHER = "other", "Other (no bounds)"

    # How each frequency dates its points: (the period's name, the rule).
    PERIODS = {
        Frequency.DAILY: ("day", "a daily measure has one point a day"),
        Frequency.WEEKLY: (
            "week",
            "a weekly measure has one point a week, dated the Monday of the week",
        ),
        Frequency.FORTNIGHTLY: (
            "week",
            "a fortnightly measure's points are dated the Monday of their week",
        ),
        Frequency.MONTHLY: (
            "month",
            "a monthly measure has one point a month, dated the first day of the month",
        ),
        Frequency.QUARTERLY: (
            "quarter",
            "a quarterly measure has one point a quarter, dated the first day of "
            "the quarter (1 January, 1 April, 1 July or 1 October)",
        ),
    }

    project = ParentalKey(
        "cohorts.FellowProjectPage", on_delete=models.CASCADE, related_name="measures"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    operational_definition = models.TextField(
        help_text="Exactly what is counted and how, so that anyone would get the "
        "same number: the numerator, the denominator, and what is left out."
    )
    unit = models.CharField(
        max_length=40, blank=True, help_text="E.g. % or falls per 1,000 bed days."
    )
    unit_kind = models.CharField(
        "kind of unit",
        max_length=20,
        choices=UnitKind.choices,
        default=UnitKind.OTHER,
        help_text="Sets the bounds of the chart: a percentage's limits and axis "
        "stop at 0 and 100, a count's or a rate's at 0, and the summary says "
        "when a limit is cut off there. Choose Other for a unit that can be "
        "negative, such as a change or a score.",
    )
    data_source = models.CharField(
        max_length=200, help_text="Where the numbers come from."
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    improvement_direction = models.CharField(max_length=20, choices=Direction.choices)
    baseline = models.DecimalField(
        max_digits=12, decimal_places=3, null=True, blank=True
    )
    target = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    recalculate_from = models.DateField(
        "recalculate limits from",
        null=True,
        blank=True,
        help_text="Once a change has been sustained, the SPC chart's mean and "
        "limits are worked out again from this date.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("operational_definition"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_kind")]),
        FieldRowPanel([FieldPanel("data_source"), FieldPanel("frequency")]),
        FieldPanel("improvement_direction"),
        FieldRowPanel(
            [
                FieldPanel("baseline"),
                FieldPanel("target"),
                FieldPanel("recalculate_from"),
            ]
        ),
        MeasureDataPanel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "measure"

    def __str__(self):
        return self.name

    @property
    def period_name(self):
        """What one point stands for: "month", "week"..."""
        return self.PERIODS[self.frequency][0]

    @property
    def period_rule(self):
        """E.g. "a weekly measure has one point a week, dated the Monday of the
        week"."""
        return self.PERIODS[self.frequency][1]

    def normalise_period(self, day):
        """The date a point for ``day`` is stored at: the start of its period
        (see "Periods" above). Raises ValidationError for a date after today."""
        if day > timezone.localdate():
            raise ValidationError(
                f"{_long_date(day)} is in the future: enter data only for dates "
                "that have passed."
            )
        if self.frequency == self.Frequency.MONTHLY:
            return day.replace(day=1)
        if self.frequency == self.Frequency.QUARTERLY:
            return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        if self.frequency in (self.Frequency.WEEKLY, self.Frequency.FORTNIGHTLY):
            return day - datetime.timedelta(days=day.weekday())
        return day

    def period_note(self, day, period):
        """What the user is told when ``day`` is stored as ``period``."""
        return (
            f"{_long_date(day)} is stored as {_long_date(period)}: {self.period_rule}."
        )


def _long_date(day):
    """``date(2015, 3, 15)`` -> "15 March 2015", whatever the server's locale."""
    return f"{day.day} {format_month(day)}"


class MeasurePointQuerySet(models.QuerySet):
    def approved(self):
        """What the public site shows (see PointApproval)."""
        return self.filter(approved=True)

    def pending(self):
        return self.filter(approved=False)

    def for_project(self, project):
        return self.filter(measure__project=project)


class MeasurePoint(models.Model):
    measure = models.ForeignKey(
        ProjectMeasure, on_delete=models.CASCADE, related_name="points"
    )
    period = models.DateField(
        help_text="The date the value is for, stored as the start of its period: "
        "the first day of the month for monthly data, the Monday for weekly data."
    )
    value = models.DecimalField(max_digits=12, decimal_places=3)
    annotation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown with the point, e.g. why it is unusually high or low.",
    )
    astronomical = models.BooleanField(
        default=False,
        help_text="Tick for a point obviously different from all the others (a "
        "judgement, so it is never computed). It stays on the chart, but a "
        "sustained improvement must show without it.",
    )
    approved = models.BooleanField(
        default=False,
        help_text="Shown on the public site. A fellow's new or changed point "
        "waits for programme staff to approve the project.",
    )

    objects = MeasurePointQuerySet.as_manager()

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="unique_measure_period"
            )
        ]

    def __str__(self):
        return f"{self.measure}: {self.period:%Y-%m-%d}"


class PointApproval:
    """Approval of measure data: the one rule, for one user on one project.

    A point is approved or pending. The public site (the project page's charts,
    the API, the outcomes) shows approved points only
    (``MeasurePoint.objects.approved()``); the admin data page and the page
    preview show the pending ones too.

    - Saving: a user who may publish the project (programme staff) saves new
      and changed points approved; anyone else (a fellow) saves them pending.
      A pending change to an approved point takes it off the public charts
      until it is approved, so the public never sees a value nobody approved.
      Points that are not changed keep their state.
    - Deleting: deleting an approved point changes the public record for good,
      so only a user who may publish the project may do it; anyone else may
      delete pending points only.
    - Approving: publishing the project approves its pending points, so the
      "Project update review" workflow's approval, a direct publish and a
      scheduled one all do it (``approve_pending``, on ``page_published``).

    The data page (cohorts/measures/views.py), the import
    (cohorts/imports/targets.py) and the publish signal
    (cohorts/measures/signals.py) follow it.
    """

    def __init__(self, user, project):
        self.approves = can_approve(user, project)

    def mark(self, point):
        """Set the state of a point this user adds or changes."""
        point.approved = self.approves

    def may_delete(self, point):
        return self.approves or not point.approved

    @staticmethod
    def approve_pending(project):
        return MeasurePoint.objects.for_project(project).pending().update(approved=True)
