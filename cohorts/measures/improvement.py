"""Whether each measure's chart shows a sustained improvement, for the outcomes:
qi.sustained_improvement's answer, cached for a whole cohort or programme at once
under a digest of everything it depends on."""

import hashlib
import json

from django.core.cache import cache

from cohorts import qi

from .charts import CACHE_TIMEOUT, stable_text

IMPROVEMENT_VERSION = 2  # bump when qi.sustained_improvement changes


def sustained_improvements(measures, points_by_measure, first_changes):
    """measure pk → whether its chart shows a sustained improvement
    (qi.sustained_improvement), for the measures that have points.
    ``points_by_measure`` holds each measure's points (DataPoints or
    MeasurePoints) in date order; ``first_changes`` maps a project's pk to the
    start date of its first PDSA cycle, if it has one.

    The answers for the whole set are one cache entry, under a digest of what
    they depend on (each measure's kind, unit kind, direction, target,
    recalculation date, points and astronomical marks, and its project's first
    PDSA cycle): one entry per cohort or programme page rather than one per
    measure, so a programme of hundreds of measures does not crowd a small
    cache."""
    measures = [measure for measure in measures if points_by_measure.get(measure.pk)]
    material = [
        IMPROVEMENT_VERSION,
        [
            (
                measure.pk,
                measure.kind,
                measure.unit_kind,
                measure.improvement_direction,
                stable_text(measure.target),
                stable_text(measure.recalculate_from),
                stable_text(first_changes.get(measure.project_id)),
                [
                    (stable_text(p.period), stable_text(p.value), p.astronomical)
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
            measure.pk: _sustained_improvement(
                measure,
                points_by_measure[measure.pk],
                first_changes.get(measure.project_id),
            )
            for measure in measures
        }
        cache.set(key, results, CACHE_TIMEOUT)
    return results


def _sustained_improvement(measure, points, first_change):
    analysis = measure.analyse(points)
    marked = {point.period for point in points if point.astronomical}
    return qi.sustained_improvement(
        analysis,
        astronomical=[p.index for p in analysis.points if p.period in marked],
        first_change=first_change,
    )
