"""A programme's key performance indicators (KPIs) and the public "How we are
doing" pages that show them.

A KPI is computed from the site's own data or entered by staff as periodic
values (KPIValue); either way its chart is drawn like a project's measure
(Charted: a run chart, then an XmR chart from 12 points). What each computed
source counts is cohorts/kpis/computing.py's; the pages get their board and
charts through the template tags, since the models import no feature package.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable

from .heads import subpage_head
from .measures import Charted, ProjectMeasure


class KPIBoardRoutes:
    """The programme page's "How we are doing" board and a page per KPI."""

    @path("how-we-are-doing/", name="how_we_are_doing")
    def how_we_are_doing(self, request):
        return self.render(
            request,
            template="cohorts/programme_kpis.html",
            context_overrides=subpage_head(
                self,
                request,
                "how_we_are_doing",
                title=f"How we are doing: {self.title}",
                description=f"The key performance indicators of {self.title}, "
                "each on a run chart or an SPC chart, with how they are computed.",
            ),
        )

    @path("how-we-are-doing/<int:kpi_id>/", name="kpi")
    def kpi(self, request, kpi_id):
        kpi = get_object_or_404(ProgrammeKPI, programme=self, pk=kpi_id)
        return self.render(
            request,
            template="cohorts/programme_kpi.html",
            context_overrides={
                "kpi": kpi,
                **subpage_head(
                    self,
                    request,
                    "kpi",
                    args=[kpi.pk],
                    title=f"{kpi.name}: {self.title}",
                    description=kpi.descriptor,
                    parents=[
                        {
                            "title": "How we are doing",
                            "url": self.get_url(request)
                            + self.reverse_subpage("how_we_are_doing"),
                        }
                    ],
                ),
            },
        )


class ProgrammeKPIForm(WagtailAdminModelForm):
    """Checks each entered value against the KPI as the form sets it (its
    period and kind of unit), once the KPI's own fields are valid, and says on
    the date field when two values have the same date."""

    def is_valid(self):
        valid = super().is_valid()
        if self.errors:  # the KPI's own fields
            return False
        for form in self.formsets["values"].forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE"):
                continue
            errors = {}
            if form.non_field_errors():
                # The formset's "duplicate values", which an inline panel does
                # not show: say it on the field.
                errors["period"] = "Another value has this date: one value a period."
            elif data.get("period") and data.get("value") is not None:
                errors = self.instance.value_errors(data["period"], data["value"])
            for name, message in errors.items():
                form.add_error(name, message)
                valid = False
        return valid


class ProgrammeKPI(Charted, ClusterableModel):
    class Source(models.TextChoices):
        SATISFACTION = "satisfaction", "Computed: learner satisfaction"
        ACCREDITATION = "accreditation", "Computed: accreditation award complete"
        IMPROVEMENT = "improvement", "Computed: projects with a sustained improvement"
        OUTCOMES = "outcomes", "Computed: outcome records per fellow"
        ENTERED = "entered", "Entered by staff"

    class Period(models.TextChoices):
        # The values are ProjectMeasure.Frequency's, which the charts read.
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"

    Direction = ProjectMeasure.Direction
    UnitKind = ProjectMeasure.UnitKind

    # The unit and kind of unit of each computed source.
    SOURCE_UNITS = {
        Source.SATISFACTION: ("out of 5", UnitKind.OTHER),
        Source.ACCREDITATION: ("%", UnitKind.PERCENTAGE),
        Source.IMPROVEMENT: ("%", UnitKind.PERCENTAGE),
        Source.OUTCOMES: ("records per fellow", UnitKind.RATE),
    }

    # A KPI is the programme's outcome: its signals read as improvement or
    # concern (never as a balancing measure's).
    kind = ProjectMeasure.Kind.OUTCOME

    programme = models.ForeignKey(
        "cohorts.ProgrammePage", on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(max_length=120)
    descriptor = models.TextField(
        help_text="What the KPI tells and why it matters, in a sentence or two "
        "for the public page."
    )
    source = models.CharField(
        max_length=20,
        choices=Source.choices,
        help_text="Computed from the site's data (see the staff guide for what "
        "each counts), or entered by staff below, one value per period.",
    )
    period = models.CharField(
        max_length=20, choices=Period.choices, default=Period.QUARTERLY
    )
    improvement_direction = models.CharField(max_length=20, choices=Direction.choices)
    target = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="For entered values only (computed KPIs set their own).",
    )
    unit_kind = models.CharField(
        "kind of unit",
        max_length=20,
        choices=UnitKind.choices,
        default=UnitKind.OTHER,
        help_text="For entered values only: sets the bounds of the chart.",
    )
    recalculate_from = models.DateField(
        "recalculate limits from",
        null=True,
        blank=True,
        help_text="After a lasting change, the SPC chart's mean and limits are "
        "worked out again from this date.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="The board shows KPIs in this order, lowest first."
    )

    base_form_class = ProgrammeKPIForm
    panels = [
        PageChooserPanel("programme", "cohorts.ProgrammePage"),
        FieldPanel("name"),
        FieldPanel("descriptor"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("period")]),
        FieldRowPanel(
            [
                FieldPanel("improvement_direction"),
                FieldPanel("target"),
                FieldPanel("recalculate_from"),
            ]
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_kind")]),
                InlinePanel("values", label="Value"),
            ],
            heading="Entered values",
            help_text="One value a period. To add many at once, save the KPI, "
            "then choose Import values in the menu at the top of this page: "
            "upload a spreadsheet or paste its cells.",
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "programme KPI"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.source in self.SOURCE_UNITS:
            self.unit, self.unit_kind = self.SOURCE_UNITS[self.source]
        super().save(*args, **kwargs)

    def check_period(self, period):
        """Raises ValidationError unless ``period`` dates an entered value: the
        first day of its month or quarter, not in the future."""
        quarterly = self.period == self.Period.QUARTERLY
        if period.day != 1 or (quarterly and period.month % 3 != 1):
            raise ValidationError(
                "Date the value the first day of its quarter (1 January, 1 April, "
                "1 July or 1 October)."
                if quarterly
                else "Date the value the first day of its month."
            )
        if period > timezone.localdate():
            raise ValidationError(
                "This date is in the future: enter values for periods that have "
                "started."
            )

    def value_errors(self, period, value):
        """What is wrong with an entered value for ``period``: {field: messages}
        (check_period, and the bounds of the KPI's kind of unit)."""
        errors = {}
        for name, check, checked in (
            ("period", self.check_period, period),
            ("value", self.check_value, value),
        ):
            try:
                check(checked)
            except ValidationError as error:
                errors[name] = error.messages
        return errors

    @property
    def frequency(self):
        """The charts read a series' frequency to name its periods."""
        return self.period

    @property
    def computed(self):
        return self.source != self.Source.ENTERED


class KPIValue(Orderable):
    """A value staff enter for a KPI whose source is "entered": one per period,
    dated the first day of the month (or of the quarter's first month)."""

    kpi = ParentalKey(ProgrammeKPI, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(
        help_text="The first day of the month, or of the quarter, the value is for."
    )
    value = models.DecimalField(max_digits=12, decimal_places=3)
    annotation = models.CharField(
        max_length=200, blank=True, help_text="Shown with the point on the chart."
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("period"), FieldPanel("value"), FieldPanel("annotation")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "KPI value"
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="unique_kpi_period")
        ]

    def __str__(self):
        return f"{self.kpi}: {self.period:%Y-%m-%d}"
