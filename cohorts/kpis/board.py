"""A programme's KPI board: each KPI with its chart, drawn as a project's
measures are (cohorts.measures.charts: a run chart, then an XmR chart from 12
points, with its variation and assurance icons and its plain-English summary,
cached under a digest of the points)."""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat

from cohorts.measures import charts
from cohorts.qi.summary import format_month, format_value

from .computing import SOURCE_NOTES, ProgrammeData, series


@dataclass(frozen=True)
class KPIItem:
    kpi: object
    chart: dict | None  # None until the KPI has a point
    points: list

    @property
    def latest(self):
        """E.g. "4.3 out of 5 (October 2026)", or "" without a point."""
        if not self.points:
            return ""
        point = self.points[-1]
        value = f"{format_value(point.value)}{self.kpi.unit_suffix}"
        return f"{value} ({format_month(point.period)})"

    @property
    def how_computed(self):
        return SOURCE_NOTES[self.kpi.source]

    @property
    def facts(self):
        kpi = self.kpi
        rows = [
            ("What it tells", kpi.descriptor),
            ("How it is computed", self.how_computed),
            ("Period", kpi.get_period_display()),
            ("Improvement", kpi.get_improvement_direction_display()),
        ]
        if kpi.target is not None:
            rows.append(("Target", f"{floatformat(kpi.target, '-3')}{kpi.unit_suffix}"))
        if self.latest:
            rows.append(("Latest value", self.latest))
        return rows

    @property
    def data_summary(self):
        count = len(self.points)
        return f"The data for {self.kpi.name} ({count} point{'s' * (count != 1)})"


def for_kpis(programme, kpis, today=None):
    """Each KPI of ``programme`` with its points and chart."""
    kpis = list(kpis)
    data = ProgrammeData(programme, today)
    points = {kpi.pk: series(kpi, data) for kpi in kpis}
    drawn = charts.measure_charts(kpis, points, markers=[])
    return [
        KPIItem(item.measure, item.chart, points[item.measure.pk]) for item in drawn
    ]


def board(programme, today=None):
    return for_kpis(programme, programme.kpis.prefetch_related("values"), today)
