"""Whether a measure's chart shows a sustained improvement signal: the number
that cohort and programme outcomes count.

A chart shows a sustained improvement signal when, on the chart the project
page draws (run chart under 12 points, XmR chart from 12):

Run chart
    the rules are applied (10 or more points) and the latest shift is
    labelled improvement: 6 or more consecutive points on the better side of
    the median (points on the median skipped), with no shift to the worse
    side after it.

XmR chart
    in the latest segment (the points judged against the limits in use now),
    the latest shift is labelled improvement: 7 or more points in a row on the
    better side of the mean, with no shift to the worse side after it; or
    the limits were recalculated from a change date and the points from that
    date on include 7 or more in a row on the better side of the *previous*
    segment's mean. Making Data Count recalculates limits only once a change
    is sustained; this is the shift that justified it, measured against the
    process before the change, so that recalculating does not hide the
    improvement it records.

"The latest shift" matters: a series that got worse also has a shift on the
better side of its centre line, before the change. A point exactly on the
centre line breaks an XmR run, as in ``spc``. Without
an improvement direction nothing is an improvement. Trends, single points
outside the limits and "2 of 3" are not counted: they are signals, but not of
a sustained change.
"""

from cohorts.qi.run_chart import (
    ImprovementDirection,
    Label,
    Rule,
    RunChartAnalysis,
    side_runs,
    sign,
)
from cohorts.qi.spc import SHIFT_LENGTH, SpcAnalysis


def _latest_shift_improves(signals, from_index=0):
    shifts = [
        signal
        for signal in signals
        if signal.rule is Rule.SHIFT and signal.start_index >= from_index
    ]
    return bool(shifts) and (
        max(shifts, key=lambda signal: signal.end_index).label is Label.IMPROVEMENT
    )


def sustained_improvement(analysis: RunChartAnalysis | SpcAnalysis) -> bool:
    """See the module docstring."""
    if analysis.improvement is ImprovementDirection.NEITHER:
        return False
    if isinstance(analysis, RunChartAnalysis):
        return _latest_shift_improves(analysis.signals)
    latest = analysis.segments[-1]
    if _latest_shift_improves(analysis.signals, latest.start_index):
        return True
    if len(analysis.segments) == 1:
        return False
    better = 1 if analysis.improvement is ImprovementDirection.HIGHER_IS_BETTER else -1
    baseline = analysis.segments[-2].mean
    sides = [
        sign(point.value - baseline)
        for point in analysis.points[latest.start_index : latest.end_index + 1]
    ]
    return any(
        sides[start] == better and end - start + 1 >= SHIFT_LENGTH
        for start, end in side_runs(sides)
    )
