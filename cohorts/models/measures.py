"""A project's measures and their data, and the IHI progress scale.

ProjectMeasure is a child of the project page, edited inline in its "Measures"
tab and published with the page. MeasurePoint is deliberately *not* part of the
page: a measure's data is entered on its own admin page (typed in, pasted or
uploaded, cohorts/measures/views.py), is saved straight to the database and is
never rolled back by publishing an older revision of the page.

Approval
    A point is ``live`` (approved) or pending. The public site (the project
    page's charts, the API, the outcomes) uses live points only; the admin data
    page and the page preview show pending points too. A point saved by a user
    who may publish the project (programme staff) is live at once; a point a
    fellow adds or changes is saved pending, and goes live when the project
    page is next published, i.e. when staff approve it in the "Project update
    review" workflow (cohorts/measures/signals.py). A pending change to an
    approved point takes it off the public charts until then, so the public
    never sees a value that nobody approved. Deleting an approved point changes
    the public record for good, so only users who may publish the project may
    do it; a fellow may delete their pending points.
"""

from decimal import Decimal

from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.models import Orderable

from cohorts import qi

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


class ProjectMeasure(Orderable):
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
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("data_source"), FieldPanel("frequency")]
        ),
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

    SPC_MIN_POINTS = 12

    @property
    def target_value(self):
        return None if self.target is None else float(self.target)

    def analyse(self, points):
        """The analysis of the measure's points (at least one) as its chart
        shows it: a qi.RunChartAnalysis until there are SPC_MIN_POINTS points,
        then a qi.SpcAnalysis with limits recalculated from the change date."""
        direction = self.improvement_direction
        if len(points) >= self.SPC_MIN_POINTS:
            return qi.analyse_spc(
                points,
                direction,
                target=self.target_value,
                change_date=self.recalculate_from,
            )
        return qi.analyse_run_chart(points, direction)

    @property
    def unit_suffix(self):
        """The unit as the charts append it to a value: "45%", "3.2 falls"."""
        if not self.unit or self.unit.startswith("%"):
            return self.unit
        return f" {self.unit}"


class MeasurePointQuerySet(models.QuerySet):
    def live(self):
        """Approved points: what the public site shows."""
        return self.filter(live=True)

    def pending(self):
        return self.filter(live=False)

    def for_project(self, project):
        return self.filter(measure__project=project)


class MeasurePoint(models.Model):
    measure = models.ForeignKey(
        ProjectMeasure, on_delete=models.CASCADE, related_name="points"
    )
    period = models.DateField(
        help_text="The date the value is for; for monthly data, the first day of "
        "the month."
    )
    value = models.DecimalField(max_digits=12, decimal_places=3)
    annotation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown with the point, e.g. why it is unusually high or low.",
    )
    live = models.BooleanField(
        "approved",
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
