"""XmR (individuals) SPC analysis following NHS England "Making Data Count".

Sources: the NHS England / NHS Improvement "Making Data Count" guidance, and
the NHS-R Community's package NHSRplotthedots (``ptd_spc``), which implements
it and settles the details the guidance leaves open (ties, the outer third).

Centre line and limits (for each segment, see below)
    mean = the mean of the points;
    moving ranges = |x[i] - x[i-1]| between consecutive recorded points;
    MR-bar = the mean of the moving ranges;
    process limits = mean +/- 2.66 x MR-bar;
    2-sigma lines = mean +/- (2/3) x 2.66 x MR-bar.
    (2.66 is 3 / 1.128 rounded: sigma is estimated as MR-bar / 1.128.)

Gaps in periods
    Points are ordered by their ``period``. A missing month is not filled
    in: the moving range is taken between consecutive *recorded* points, and
    the "in a row" rules treat those points as consecutive.

Trial limits
    A segment with fewer than 12 points has trial limits (``trial_limits``).

Recalculation from a change date
    With ``change_date``, points before it and points from it on form two
    segments, each with its own mean, moving ranges and limits (no moving
    range is taken across the change). Every rule runs within a segment.

Special-cause rules (within each segment)
    1. Outside the limits: a point above the upper or below the lower process
       limit. A point exactly on a limit is not outside.
    2. Shift: 7 or more points in a row on the same side of the mean. A point
       exactly on the mean breaks the run.
    3. Trend: 7 or more points in a row all increasing or all decreasing.
       Two equal consecutive values break the run, as in Making Data Count's
       reference implementation (unlike the run chart trend, which skips
       repeats).
    4. Two out of three: in any 3 consecutive points all on the same side of
       the mean, at least 2 are in the outer third on that side (beyond the
       2-sigma line but not outside the process limit, "close to the limit");
       those points are flagged. Points outside the limits count for rule 1,
       not here.

Labels
    Each signal is "improvement" or "concern" given the improvement direction
    (above the mean or rising with higher-is-better is an improvement), or
    "neutral" without one. A point flagged by several rules takes the label
    of the first of them in the order above.

Variation (the icon state)
    Based on the most recent point: common cause if it is not flagged,
    otherwise special cause improvement, concern or neutral from its label.

Assurance (needs a target and an improvement direction, else ``None``)
    Judged against the latest segment's limits: "consistently pass" when the
    whole range between the limits meets the target (for higher is better,
    the target is below the lower limit), "consistently fail" when none of it
    does (the target is above the upper limit), otherwise "hit and miss"
    (including a target exactly on a limit).

All values equal (zero moving range)
    The limits and 2-sigma lines collapse onto the mean; nothing is divided
    by the moving range. Equal points sit on the mean, so they raise no
    signal; against these collapsed limits any different value would be
    outside. Adding such a value makes the limits be recomputed with it, so
    they are no longer zero-width, but after four or more equal values the
    new value still lies outside them (n equal values, then one more:
    n^2 > 2.66 (n + 1)).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from cohorts.qi.run_chart import (
    Direction,
    FlaggedPoint,
    ImprovementDirection,
    Label,
    Point,
    PointLike,
    Rule,
    Signal,
    flag_points,
    make_signal,
    ordered_points,
    side_runs,
    sign,
)

LIMIT_FACTOR = 2.66
TWO_SIGMA_FACTOR = 2 * LIMIT_FACTOR / 3
MIN_POINTS_FOR_FIRM_LIMITS = 12
SHIFT_LENGTH = 7
TREND_LENGTH = 7
RULE_ORDER = (Rule.OUTSIDE_LIMITS, Rule.SHIFT, Rule.TREND, Rule.TWO_OF_THREE)


class VariationState(StrEnum):
    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    SPECIAL_CAUSE_NEUTRAL = "special_cause_neutral"


class Assurance(StrEnum):
    CONSISTENTLY_PASS = "consistently_pass"  # noqa: S105 (not a password)
    CONSISTENTLY_FAIL = "consistently_fail"
    HIT_AND_MISS = "hit_and_miss"


@dataclass(frozen=True)
class Segment:
    """Points ``start_index`` to ``end_index`` and their centre line and limits."""

    start_index: int
    end_index: int
    start_period: date
    end_period: date
    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float
    lower_two_sigma: float
    upper_two_sigma: float
    trial_limits: bool


@dataclass(frozen=True)
class SpcAnalysis:
    """The XmR analysis.

    ``moving_ranges`` has one entry per point, ``None`` for the first point of
    each segment. ``variation_direction`` is the direction of the signal that
    sets ``variation`` (``None`` for common cause).
    """

    points: tuple[FlaggedPoint, ...]
    segments: tuple[Segment, ...]
    signals: tuple[Signal, ...]
    moving_ranges: tuple[float | None, ...]
    improvement: ImprovementDirection
    target: float | None
    change_date: date | None
    trial_limits: bool
    variation: VariationState
    variation_direction: Direction | None
    assurance: Assurance | None


def _segment(
    points: Sequence[Point],
    moving_ranges: Sequence[float | None],
    start: int,
    end: int,
) -> Segment:
    mean = statistics.mean(point.value for point in points[start : end + 1])
    ranges = [mr for mr in moving_ranges[start : end + 1] if mr is not None]
    mean_moving_range = statistics.mean(ranges) if ranges else 0.0
    return Segment(
        start_index=start,
        end_index=end,
        start_period=points[start].period,
        end_period=points[end].period,
        mean=mean,
        mean_moving_range=mean_moving_range,
        lower_limit=mean - LIMIT_FACTOR * mean_moving_range,
        upper_limit=mean + LIMIT_FACTOR * mean_moving_range,
        lower_two_sigma=mean - TWO_SIGMA_FACTOR * mean_moving_range,
        upper_two_sigma=mean + TWO_SIGMA_FACTOR * mean_moving_range,
        trial_limits=end - start + 1 < MIN_POINTS_FOR_FIRM_LIMITS,
    )


def _segment_signals(
    points: Sequence[Point], segment: Segment, improvement: ImprovementDirection
) -> list[tuple[Signal, set[int]]]:
    """Every rule within one segment, as signals and the points they flag."""
    offset = segment.start_index
    values = [point.value for point in points[offset : segment.end_index + 1]]
    sides = [sign(value - segment.mean) for value in values]
    outside = [
        not segment.lower_limit <= value <= segment.upper_limit for value in values
    ]
    near = [
        not outside[i]
        and not segment.lower_two_sigma <= values[i] <= segment.upper_two_sigma
        for i in range(len(values))
    ]
    steps = [sign(b - a) for a, b in pairwise(values)]
    found: list[tuple[Rule, Direction, set[int]]] = [
        (Rule.OUTSIDE_LIMITS, _side(sides[i]), {i})
        for i in range(len(values))
        if outside[i]
    ]
    found += [
        (Rule.SHIFT, _side(sides[first]), set(range(first, last + 1)))
        for first, last in side_runs(sides)
        if last - first + 1 >= SHIFT_LENGTH
    ]
    found += [
        (
            Rule.TREND,
            Direction.UP if steps[first] > 0 else Direction.DOWN,
            set(range(first, last + 2)),
        )
        for first, last in side_runs(steps)
        if last - first + 2 >= TREND_LENGTH
    ]
    found += [
        (Rule.TWO_OF_THREE, _side(side), indices)
        for side, indices in _two_of_three(sides, near)
    ]
    return [
        (
            make_signal(
                rule,
                points,
                (offset + min(indices), offset + max(indices)),
                direction,
                improvement,
                len(indices),
            ),
            {offset + index for index in indices},
        )
        for rule, direction, indices in found
    ]


def _side(side: int) -> Direction:
    return Direction.ABOVE if side > 0 else Direction.BELOW


def _two_of_three(
    sides: Sequence[int], near: Sequence[bool]
) -> list[tuple[int, set[int]]]:
    """The near points of each qualifying window, with their side of the mean.

    Windows that share flagged points on the same side merge into one group.
    """
    groups: list[tuple[int, set[int]]] = []
    for first in range(len(sides) - 2):
        window = range(first, first + 3)
        side = sides[first]
        if side == 0 or any(sides[i] != side for i in window):
            continue
        flagged = {i for i in window if near[i]}
        if len(flagged) < 2:
            continue
        if groups and groups[-1][0] == side and min(flagged) <= max(groups[-1][1]):
            groups[-1][1].update(flagged)
        else:
            groups.append((side, flagged))
    return groups


def _assurance(
    segment: Segment, target: float | None, improvement: ImprovementDirection
) -> Assurance | None:
    if target is None or improvement is ImprovementDirection.NEITHER:
        return None
    if segment.lower_limit <= target <= segment.upper_limit:
        return Assurance.HIT_AND_MISS
    process_above_target = target < segment.lower_limit
    if process_above_target == (improvement is ImprovementDirection.HIGHER_IS_BETTER):
        return Assurance.CONSISTENTLY_PASS
    return Assurance.CONSISTENTLY_FAIL


_VARIATION = {
    None: VariationState.COMMON_CAUSE,
    Label.IMPROVEMENT: VariationState.SPECIAL_CAUSE_IMPROVEMENT,
    Label.CONCERN: VariationState.SPECIAL_CAUSE_CONCERN,
    Label.NEUTRAL: VariationState.SPECIAL_CAUSE_NEUTRAL,
}


def analyse_spc(
    points: Iterable[PointLike],
    improvement: ImprovementDirection | str = ImprovementDirection.NEITHER,
    *,
    target: float | None = None,
    change_date: date | None = None,
) -> SpcAnalysis:
    """Analyse a series as an XmR chart with the Making Data Count rules.

    ``improvement`` may also be given as its string value.
    """
    improvement = ImprovementDirection(improvement)
    ordered = ordered_points(points)
    target = None if target is None else float(target)
    split = 0
    if change_date is not None:
        split = sum(point.period < change_date for point in ordered)
    bounds = [
        (start, end)
        for start, end in ((0, split - 1), (split, len(ordered) - 1))
        if start <= end
    ]
    starts = {start for start, _ in bounds}
    moving_ranges = tuple(
        None if index in starts else abs(point.value - ordered[index - 1].value)
        for index, point in enumerate(ordered)
    )
    segments = tuple(_segment(ordered, moving_ranges, *bound) for bound in bounds)
    flagged = sorted(
        (
            item
            for segment in segments
            for item in _segment_signals(ordered, segment, improvement)
        ),
        key=lambda item: (item[0].start_index, RULE_ORDER.index(item[0].rule)),
    )
    flagged_points = flag_points(ordered, flagged, RULE_ORDER)
    latest = flagged_points[-1]
    variation_direction = None
    if latest.rules:
        variation_direction = next(
            signal.direction
            for signal, indices in flagged
            if signal.rule == latest.rules[0] and latest.index in indices
        )
    return SpcAnalysis(
        points=flagged_points,
        segments=segments,
        signals=tuple(signal for signal, _ in flagged),
        moving_ranges=moving_ranges,
        improvement=improvement,
        target=target,
        change_date=change_date,
        trial_limits=any(segment.trial_limits for segment in segments),
        variation=_VARIATION[latest.label],
        variation_direction=variation_direction,
        assurance=_assurance(segments[-1], target, improvement),
    )
