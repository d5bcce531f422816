"""Which measures show a sustained improvement, read from their stored points
(cohorts/qi/improvement.py defines it; cohorts/measures/improvement.py caches
the answers): for the outcomes (counting.py) and the programme's KPIs."""

from cohorts.measures import charts, improvement
from cohorts.models import parent_value


def first_pdsa_dates(updates, projects):
    """Each project's pk → the start date of its first PDSA cycle, among the
    cycles of ``updates`` that are children of ``projects``. One query."""
    first = {}
    for project, cycles in (
        updates.annotate(project_pk=parent_value(projects.model))
        .filter(project_pk__in=projects.values("pk"))
        .values_list("project_pk", "pdsa_cycles")
        .order_by()
    ):
        for cycle in cycles:
            start = cycle.value["start_date"]
            first[project] = min(start, first.get(project, start))
    return first


def measure_signals(measures, points, projects, first_changes):
    """Each measure of ``projects`` that has points → whether it shows a
    sustained improvement. Two queries: the measures, and their points (as
    plain DataPoints: there may be many)."""
    measures = list(
        measures.filter(project__in=projects.values("pk"))
        .only(
            "project_id",
            "kind",
            "unit_kind",
            "improvement_direction",
            "target",
            "recalculate_from",
        )
        .order_by()
    )
    by_measure = {}
    for measure_id, period, value, astronomical in (
        points.filter(measure__project__in=projects.values("pk"))
        .values_list("measure_id", "period", "value", "astronomical")
        .order_by("period")
    ):
        by_measure.setdefault(measure_id, []).append(
            charts.DataPoint(period, value, astronomical)
        )
    signals = improvement.sustained_improvements(measures, by_measure, first_changes)
    return {
        measure: signals[measure.pk] for measure in measures if measure.pk in signals
    }
