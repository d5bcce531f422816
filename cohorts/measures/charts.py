"""The QI section of a project page: each measure's chart with its summary and
data table, the PDSA cycles of the project's updates and its progress scores.

The rules and the drawing are cohorts.qi's (pure Python); this module feeds it a
measure's stored points and caches the result.

Chart type
    A run chart until a measure has ProjectMeasure.SPC_MIN_POINTS points, then
    an XmR (SPC) chart, recalculated from the measure's "recalculate limits from" date.
    ``ProjectMeasure.analyse`` makes that choice for the page, the API and the
    outcomes.

Which points
    The public page charts approved points only; the page preview adds
    the pending ones (PointApproval, cohorts/models/measures.py).

Cache
    A measure's chart (analysis, summary, SVG, icons and table rows) is
    computed once and kept in Django's cache. The key is the measure's id and a
    digest of everything the chart is drawn from: the points shown (period,
    value, annotation, astronomical mark), the measure's name, kind, unit, kind
    of unit, frequency, direction, target and recalculation date, and the PDSA
    markers. So any change to the points, however it is made (the data page,
    an import, the shell), or to the measure gives a new key: a stale chart can
    never be served, and there is no invalidation to forget.
    The points are loaded anyway for the data table, so making the key costs no
    query. Bump CHART_VERSION when cohorts.qi changes what it draws.
    The chart's HTML (its SVG, summary and data table: templates/cohorts/
    includes/chart.html) is kept too, under the same key (``chart["key"]``):
    rendering a long data table costs more than drawing the chart.
    ``improvement.sustained_improvements`` caches the answers the outcomes need
    the same way, under a key of its own.

Astronomical points
    The points an editor marks astronomical are said so in the data table
    ("Astronomical point"); the chart draws them as any other point.
    ``improvement.sustained_improvements`` passes them to
    qi.sustained_improvement, with the date of the project's first PDSA cycle.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html

from cohorts import qi
from cohorts.models import MeasurePoint, ProjectUpdatePage, plain_number
from cohorts.qi.summary import format_month, format_value, label_text
from home.restrictions import not_restricted

CHART_VERSION = 3
CACHE_TIMEOUT = 60 * 60 * 24 * 7
# Periods of these frequencies are shown as a month ("March 2015").
MONTHLY_FREQUENCIES = ("monthly", "quarterly")

RULE_NAMES = {
    qi.Rule.SHIFT: "shift",
    qi.Rule.TREND: "trend",
    qi.Rule.OUTSIDE_LIMITS: "outside the limits",
    qi.Rule.TWO_OF_THREE: "2 of 3 close to or beyond a limit",
}


@dataclass(frozen=True)
class DataPoint:
    """What the outcomes read of a stored point (MeasurePoint has the same
    attributes): lighter than a model instance, for many points."""

    period: date
    value: Decimal
    astronomical: bool


@dataclass(frozen=True)
class PDSACycle:
    """One PDSA cycle recorded in a published project update."""

    update: object
    value: object  # the PDSACycleBlock's StructValue

    @property
    def start_date(self):
        return self.value["start_date"]

    @property
    def decision(self):
        return self.value.decision_label


@dataclass(frozen=True)
class MeasureChart:
    """A measure and its chart (None until it has a point)."""

    measure: object
    chart: dict | None

    @property
    def facts(self):
        """The measure's definition, as rows of a summary list."""
        measure = self.measure
        rows = [
            ("Kind of measure", measure.get_kind_display()),
            ("Operational definition", linebreaksbr(measure.operational_definition)),
            ("Unit", measure.unit),
            ("Data source", measure.data_source),
            ("Frequency", measure.get_frequency_display()),
            self.direction_fact,
        ]
        for label, value in (
            ("Baseline", measure.baseline),
            ("Target", measure.target),
        ):
            if value is not None:
                rows.append((label, f"{plain_number(value)}{measure.unit_suffix}"))
        if measure.recalculate_from and self.chart and self.chart["type"] == "spc":
            rows.append(
                (
                    "Limits recalculated from",
                    format_date(measure.recalculate_from, "j F Y"),
                )
            )
        return [(key, value) for key, value in rows if value]

    @property
    def direction_fact(self):
        """A balancing measure watches for harm: say which way harm would show."""
        measure = self.measure
        if measure.kind == measure.Kind.BALANCING:
            lower_is_better = measure.improvement_direction == measure.Direction.LOWER
            return (
                "Harm would show as",
                "Higher values" if lower_is_better else "Lower values",
            )
        return ("Improvement", measure.get_improvement_direction_display())

    @property
    def data_summary(self):
        """The summary line of the details element that holds the data table."""
        count = len(self.chart["rows"])
        points = "point" if count == 1 else "points"
        return f"The data for {self.measure.name} ({count} {points})"


@dataclass(frozen=True)
class ProjectQI:
    measures: list[MeasureChart]
    cycles: list[PDSACycle]
    scores: list  # the updates that give a progress score, oldest first
    pending_points: int = 0  # points awaiting approval (the preview shows them)

    @property
    def current_score(self):
        return self.scores[-1] if self.scores else None

    @property
    def pending_note(self):
        count = self.pending_points
        return (
            f"This preview includes {count} data point{'s' if count != 1 else ''} "
            "awaiting approval. The public page shows approved data only."
        )

    @property
    def cycle_table(self):
        """The PDSA cycles, oldest first, for components/table.html."""
        return {
            "caption": "The project's PDSA cycles, oldest first",
            "head": ["Dates", "Change idea", "Decision", "Reported in"],
            "rows": [
                [
                    _dates(cycle.start_date, cycle.value["end_date"], "j M Y"),
                    cycle.value["change_idea"],
                    cycle.decision,
                    _link(cycle.update),
                ]
                for cycle in self.cycles
            ],
        }

    @property
    def score_table(self):
        """The progress scores over time, for components/table.html."""
        return {
            "caption": "Progress score over time",
            "head": ["Date", "Score", "Update"],
            "rows": [
                [
                    format_html(
                        '<time datetime="{}">{}</time>',
                        update.date.isoformat(),
                        format_date(update.date, "j F Y"),
                    ),
                    update.get_progress_score_display(),
                    _link(update),
                ]
                for update in self.scores
            ],
        }


def _dates(start, end, pattern):
    text = format_date(start, pattern)
    return f"{text} to {format_date(end, pattern)}" if end else text


def _link(page):
    return format_html('<a href="{}">{}</a>', page.url, page.title)


def for_project(project, *, with_pending=False):
    """The project's measures with their charts, PDSA cycles and progress
    scores, in a fixed number of queries however many measures and points there
    are. Approved data points only, unless ``with_pending`` (the preview)."""
    measures = list(project.measures.all())
    points = MeasurePoint.objects.filter(
        measure__in=[measure.pk for measure in measures if measure.pk]
    )
    if not with_pending:
        points = points.approved()
    updates = (
        ProjectUpdatePage.objects.child_of(project)
        .live()
        .filter(not_restricted())
        .defer("body")
        .order_by("date", "pk")
    )
    return project_qi(measures, points, updates)


def project_qi(measures, points, updates):
    """The QI section from the project's measures, the points to chart (one
    queryset: approved only, or with the pending ones in the preview) and its
    published updates (oldest first)."""
    cycles = sorted(
        (
            PDSACycle(update, block.value)
            for update in updates
            for block in update.pdsa_cycles
        ),
        key=lambda cycle: cycle.start_date,
    )
    markers = [(cycle.start_date, cycle.value["change_idea"]) for cycle in cycles]
    by_measure = {}
    for point in points:
        by_measure.setdefault(point.measure_id, []).append(point)
    return ProjectQI(
        measures=measure_charts(measures, by_measure, markers),
        cycles=cycles,
        scores=[update for update in updates if update.progress_score is not None],
        pending_points=sum(
            not point.approved for points in by_measure.values() for point in points
        ),
    )


def measure_charts(measures, points_by_measure, markers):
    """Each measure with its chart, from the cache where it is there (one cache
    round trip for all of them)."""
    jobs = []
    for index, measure in enumerate(measures):
        points = points_by_measure.get(measure.pk, []) if measure.pk else []
        id_prefix = f"measure-{measure.pk or f'new-{index}'}"
        key = cache_key(measure, points, markers, id_prefix) if points else None
        jobs.append((measure, points, id_prefix, key))
    cached = cache.get_many([key for *_, key in jobs if key])
    fresh = {}
    results = []
    for measure, points, id_prefix, key in jobs:
        chart = None
        if key:
            chart = cached.get(key)
            if chart is None:
                chart = fresh[key] = build_chart(measure, points, markers, id_prefix)
                chart["key"] = key
        results.append(MeasureChart(measure, chart))
    if fresh:
        cache.set_many(fresh, CACHE_TIMEOUT)
    return results


def cache_key(measure, points, markers, id_prefix):
    material = [
        CHART_VERSION,
        id_prefix,
        measure.name,
        measure.kind,
        measure.unit,
        measure.unit_kind,
        measure.frequency,
        measure.improvement_direction,
        stable_text(measure.target),
        stable_text(measure.recalculate_from),
        [(stable_text(day), label) for day, label in markers],
        [
            (stable_text(p.period), stable_text(p.value), p.annotation, p.astronomical)
            for p in points
        ],
    ]
    digest = hashlib.sha256(json.dumps(material).encode()).hexdigest()
    return f"qi-chart:{measure.pk}:{digest}"


def stable_text(value):
    """A date or decimal as text that is the same for equal values (for a cache key)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def build_chart(measure, points, markers, id_prefix):
    """The measure's chart as plain data (kept in the cache)."""
    unit = measure.unit_suffix
    in_unit = f" ({measure.unit})" if measure.unit else ""
    analysis = measure.analyse(points)
    if isinstance(analysis, qi.SpcAnalysis):
        chart = {
            "type": "spc",
            "svg": qi.render_spc_chart(
                analysis,
                title=f"{measure.name}: XmR chart",
                unit=unit,
                pdsa_markers=markers,
                id_prefix=id_prefix,
            ),
            "summary": qi.spc_summary(analysis),
            "variation_icon": qi.variation_icon(
                analysis.variation,
                direction=analysis.variation_direction,
                id_prefix=f"{id_prefix}-variation",
                role=analysis.role,
            ),
            "assurance_icon": qi.assurance_icon(
                analysis.assurance, id_prefix=f"{id_prefix}-assurance"
            )
            if analysis.assurance
            else "",
            "lines": [_segment_line(segment, in_unit) for segment in analysis.segments],
        }
    else:
        chart = {
            "type": "run",
            "svg": qi.render_run_chart(
                analysis,
                title=f"{measure.name}: run chart",
                unit=unit,
                target=measure.target_value,
                pdsa_markers=markers,
                id_prefix=id_prefix,
            ),
            "summary": qi.run_chart_summary(analysis),
            "variation_icon": "",
            "assurance_icon": "",
            "lines": [f"Median: {format_value(analysis.median)}{in_unit}."],
        }
    monthly = measure.frequency in MONTHLY_FREQUENCIES
    marked = {point.period for point in points if point.astronomical}
    chart["table_head"] = ["Period", f"Value{in_unit}", "Signal", "Note"]
    chart["rows"] = [
        [
            format_month(point.period)
            if monthly
            else f"{point.period.day} {format_month(point.period)}",
            format_value(point.value),
            _signal_text(point, analysis.role),
            ". ".join(
                note
                for note in (
                    "Astronomical point" if point.period in marked else "",
                    point.annotation,
                )
                if note
            ),
        ]
        for point in analysis.points
    ]
    return chart


def _segment_line(segment, in_unit):
    """E.g. "From March 2015: mean 12, process limits 4.5 to 19.5 (%).", or
    for a segment of one point, which has no moving range, "From March 2015:
    mean 12, no process limits (1 point)." """
    start = (
        f"From {format_month(segment.start_period)}: mean {format_value(segment.mean)}"
    )
    if not segment.has_limits:
        return f"{start}, no process limits (1 point)."
    limits = "trial limits" if segment.trial_limits else "process limits"
    return (
        f"{start}, {limits} {format_value(segment.lower_limit)} to "
        f"{format_value(segment.upper_limit)}{in_unit}."
    )


def _signal_text(point, role):
    if point.label is None:
        return ""
    rules = ", ".join(RULE_NAMES[rule] for rule in point.rules)
    return f"{label_text(point.label, role).capitalize()}: {rules}"
