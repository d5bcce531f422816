"""Whether a measure shows a sustained improvement: the number that cohort and
programme outcomes count.

A measure shows a sustained improvement when, on the chart the project page
draws (run chart under 12 points, XmR chart from 12), all of these hold:

1. It is an outcome or process measure with an improvement direction. A
   balancing measure watches for harm the change may cause; it is never
   counted as an improvement (``analysis.role``).
2. It has an improvement signal that is not made by astronomical points. The
   points an editor marks as astronomical (``astronomical``: indices into
   ``analysis.points``) are left out and the series is analysed again, with
   the same options; the signal must show without them. One outlier pulls the
   mean towards it, and can put ordinary points on the better side of it.
3. The signal still holds at the latest points: its run on the better side of
   the centre line reaches the latest point. A shift the data has since left
   is history, not an outcome.
4. With ``first_change`` (the date of the first PDSA cycle), the signal starts
   on or after it: an improvement that began before any change was tested was
   not made by the project.

The improvement signal
    Run chart: the latest shift (6 or more points on one side of the median,
    points on the median skipped) is labelled improvement; it reaches the
    latest point when no point after it is off the median.
    XmR chart: in the latest segment (the points judged against the limits in
    use now), the latest shift (7 or more points in a row on one side of the
    mean) is labelled improvement and ends at the latest point; or the limits
    were recalculated from a change date and the latest segment ends with 7
    or more points in a row on the better side of the *previous* segment's
    mean. Making Data Count recalculates limits only once a change is
    sustained; this is the shift that justified it, measured against the
    process before the change, so that recalculating does not hide the
    improvement it records.

A point exactly on the centre line breaks an XmR run, as in ``spc``. Trends,
single points outside the limits and "2 of 3" are not counted: they are
signals, but not of a sustained change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cohorts.qi.measure import MeasureRole
from cohorts.qi.run_chart import (
    ImprovementDirection,
    Label,
    Rule,
    RunChartAnalysis,
    Signal,
    analyse_run_chart,
    side_runs,
    sign,
)
from cohorts.qi.spc import SHIFT_LENGTH, SpcAnalysis, analyse_spc


def sustained_improvement(
    analysis: RunChartAnalysis | SpcAnalysis,
    *,
    astronomical: Iterable[int] = (),
    first_change: date | None = None,
) -> bool:
    """See the module docstring."""
    if (
        analysis.role is MeasureRole.BALANCING
        or analysis.improvement is ImprovementDirection.NEITHER
    ):
        return False
    analysis = _without(analysis, set(astronomical))
    if analysis is None:
        return False
    start = _current_signal_start(analysis)
    return start is not None and (first_change is None or start >= first_change)


def _without(
    analysis: RunChartAnalysis | SpcAnalysis, astronomical: set[int]
) -> RunChartAnalysis | SpcAnalysis | None:
    """The analysis again without the astronomical points (``None``: no point
    is left)."""
    if not astronomical:
        return analysis
    points = [point for point in analysis.points if point.index not in astronomical]
    if not points:
        return None
    if isinstance(analysis, RunChartAnalysis):
        return analyse_run_chart(
            points,
            analysis.improvement,
            role=analysis.role,
            unit_kind=analysis.unit_kind,
        )
    return analyse_spc(
        points,
        analysis.improvement,
        target=analysis.target,
        change_date=analysis.change_date,
        role=analysis.role,
        unit_kind=analysis.unit_kind,
        two_of_three=analysis.two_of_three,
    )


def _latest_shift(signals: Iterable[Signal], from_index: int = 0) -> Signal | None:
    shifts = [
        signal
        for signal in signals
        if signal.rule is Rule.SHIFT and signal.start_index >= from_index
    ]
    return max(shifts, key=lambda signal: signal.end_index, default=None)


def _current_signal_start(analysis: RunChartAnalysis | SpcAnalysis) -> date | None:
    """Where the improvement signal that reaches the latest point starts, if
    there is one."""
    if isinstance(analysis, RunChartAnalysis):
        shift = _latest_shift(analysis.signals)
        off_median = [p.index for p in analysis.points if p.value != analysis.median]
        if (
            shift is not None
            and shift.label is Label.IMPROVEMENT
            and shift.end_index == off_median[-1]
        ):
            return shift.start_period
        return None
    latest = analysis.segments[-1]
    shift = _latest_shift(analysis.signals, latest.start_index)
    if (
        shift is not None
        and shift.label is Label.IMPROVEMENT
        and shift.end_index == latest.end_index
    ):
        return shift.start_period
    if len(analysis.segments) == 1:
        return None
    better = 1 if analysis.improvement is ImprovementDirection.HIGHER_IS_BETTER else -1
    baseline = analysis.segments[-2].mean
    sides = [
        sign(point.value - baseline)
        for point in analysis.points[latest.start_index : latest.end_index + 1]
    ]
    runs = side_runs(sides)
    if not runs:
        return None
    first, last = runs[-1]
    if (
        sides[last] == better
        and last == len(sides) - 1
        and last - first + 1 >= SHIFT_LENGTH
    ):
        return analysis.points[latest.start_index + first].period
    return None
