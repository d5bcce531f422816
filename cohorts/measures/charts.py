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
    The public page charts approved (live) points only; the page preview adds
    the pending ones (cohorts/models/measures.py, "Approval").

Cache
    A measure's chart (analysis, summary, SVG, icons and table rows) is
    computed once and kept in Django's cache. The key is the measure's id and a
    digest of everything the chart is drawn from: the points shown (period,
    value, annotation), the measure's name, unit, frequency, direction, target and
    recalculation date, and the PDSA markers. So any change to the points,
    however it is made (the data page, an import, the shell), or to the measure
    gives a new key: a stale chart can never be served, and there is no
    invalidation to forget.
    The points are loaded anyway for the data table, so making the key costs no
    query. Bump CHART_VERSION when cohorts.qi changes what it draws.
    ``sustained_improvements`` caches the answers the outcomes need the same
    way, under a key of its own (they do not depend on the PDSA markers).
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache

from cohorts import qi
from cohorts.models import MeasurePoint, ProjectUpdatePage
from cohorts.qi.summary import format_month, format_value

CHART_VERSION = 1
IMPROVEMENT_VERSION = 1  # bump when qi.sustained_improvement changes
CACHE_TIMEOUT = 60 * 60 * 24 * 7
# Periods of these frequencies are shown as a month ("March 2015").
MONTHLY_FREQUENCIES = ("monthly", "quarterly")

RULE_NAMES = {
    qi.Rule.SHIFT: "shift",
    qi.Rule.TREND: "trend",
    qi.Rule.OUTSIDE_LIMITS: "outside the limits",
    qi.Rule.TWO_OF_THREE: "2 of 3 close to a limit",
}


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


@dataclass(frozen=True)
class ProjectQI:
    measures: list[MeasureChart]
    cycles: list[PDSACycle]
    scores: list  # the updates that give a progress score, oldest first
    pending_points: int = 0  # points awaiting approval (the preview shows them)

    @property
    def current_score(self):
        return self.scores[-1] if self.scores else None


def for_project(project, *, with_pending=False):
    """The project's measures with their charts, PDSA cycles and progress
    scores, in a fixed number of queries however many measures and points there
    are. Approved data points only, unless ``with_pending`` (the preview)."""
    measures = list(project.measures.all())
    points = MeasurePoint.objects.filter(
        measure__in=[measure.pk for measure in measures if measure.pk]
    )
    if not with_pending:
        points = points.live()
    updates = (
        ProjectUpdatePage.objects.child_of(project)
        .live()
        .public()
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
            not point.live for points in by_measure.values() for point in points
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
        results.append(MeasureChart(measure, chart))
    if fresh:
        cache.set_many(fresh, CACHE_TIMEOUT)
    return results


def cache_key(measure, points, markers, id_prefix):
    material = [
        CHART_VERSION,
        id_prefix,
        measure.name,
        measure.unit,
        measure.frequency,
        measure.improvement_direction,
        _text(measure.target),
        _text(measure.recalculate_from),
        [(_text(day), label) for day, label in markers],
        [(_text(p.period), _text(p.value), p.annotation) for p in points],
    ]
    digest = hashlib.sha256(json.dumps(material).encode()).hexdigest()
    return f"qi-chart:{measure.pk}:{digest}"


def _text(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def sustained_improvements(measures, points_by_measure):
    """measure pk → whether its chart shows a sustained improvement signal
    (qi.sustained_improvement), for the measures that have points.

    The answers for the whole set are one cache entry, under a digest of what
    they depend on (each measure's points, direction and recalculation date):
    one entry per cohort or programme page rather than one per measure, so a
    programme of hundreds of measures does not crowd a small cache."""
    measures = [measure for measure in measures if points_by_measure.get(measure.pk)]
    material = [
        IMPROVEMENT_VERSION,
        [
            (
                measure.pk,
                measure.improvement_direction,
                _text(measure.recalculate_from),
                [
                    (_text(p.period), _text(p.value))
                    for p in points_by_measure[measure.pk]
                ],
            )
            for measure in measures
        ],
    ]
    digest = hashlib.sha256(json.dumps(material).encode()).hexdigest()
    key = f"qi-improvements:{digest}"
    results = cache.get(key)
    if results is None:
        results = {
            measure.pk: qi.sustained_improvement(
                measure.analyse(points_by_measure[measure.pk])
            )
            for measure in measures
        }
        cache.set(key, results, CACHE_TIMEOUT)
    return results


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
    chart["table_head"] = ["Period", f"Value{in_unit}", "Signal", "Note"]
    chart["rows"] = [
        [
            format_month(point.period)
            if monthly
            else f"{point.period.day} {format_month(point.period)}",
            format_value(point.value),
            _signal_text(point),
            point.annotation,
        ]
        for point in analysis.points
    ]
    return chart


def _segment_line(segment, in_unit):
    limits = "trial limits" if segment.trial_limits else "process limits"
    return (
        f"From {format_month(segment.start_period)}: "
        f"mean {format_value(segment.mean)}, {limits} "
        f"{format_value(segment.lower_limit)} to "
        f"{format_value(segment.upper_limit)}{in_unit}."
    )


def _signal_text(point):
    if point.label is None:
        return ""
    rules = ", ".join(RULE_NAMES[rule] for rule in point.rules)
    return f"{point.label.value.capitalize()}: {rules}"
