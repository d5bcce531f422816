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
    A segment with fewer than 12 points has trial limits: each segment says so
    for itself (``Segment.trial_limits``), and ``SpcAnalysis.trial_limits`` is
    the latest segment's, the limits in use now.

A segment of one point
    One point has no moving range, so it has no MR-bar, no limits, no 2-sigma
    lines (all ``None``), no rule that needs them and, if it is the latest
    segment, no assurance. NHSRplotthedots draws no limits for it either.

Limits beyond what the unit allows
    With a ``unit_kind`` (``measure.UnitKind``) a limit or 2-sigma line beyond
    the unit's bounds (a percentage below 0 or above 100, a count or rate
    below 0) is set to the bound, and the segment records that the limit was
    clipped. Values inside the bounds are flagged exactly as without clipping,
    since a point must lie strictly beyond a line to count.

Recalculation from a change date
    With ``change_date``, points before it and points from it on form two
    segments, each with its own mean, moving ranges and limits (no moving
    range is taken across the change). Every rule runs within a segment.

Special-cause rules (within each segment), in NHSRplotthedots' order
    1. Outside the limits: a point above the upper or below the lower process
       limit. A point exactly on a limit is not outside.
    2. Trend: 7 or more points in a row all increasing or all decreasing.
       Two equal consecutive values break the run, as in Making Data Count's
       reference implementation (unlike the run chart trend, which skips
       repeats).
    3. Two out of three: in any 3 consecutive points all on the same side of
       the mean, at least 2 lie beyond the 2-sigma line on that side; those
       points are flagged. By default (``TwoOfThree.BEYOND_TWO_SIGMA``) a point
       outside the process limit counts too, as in the Making Data Count tools
       since November 2023 (NHSRplotthedots issue #194). With
       ``TwoOfThree.OUTER_THIRD`` only points between the 2-sigma line and the
       limit count, as in NHSRplotthedots 0.2.2 and the earlier tools.
    4. Shift: 7 or more points in a row on the same side of the mean. A point
       exactly on the mean breaks the run.

Labels
    Each signal is "improvement" or "concern" given the improvement direction
    (above the mean or rising with higher-is-better is an improvement), or
    "neutral" without one. A point flagged by several rules takes the label
    of the first of them in the order above, as NHSRplotthedots'
    ``ptd_special_cause_type`` does: a rise that ends below the mean is an
    improvement when higher is better, though it is also a shift below.

Variation (the icon state)
    Based on the most recent point: common cause if it is not flagged,
    otherwise special cause improvement, concern or neutral from its label.

Assurance (needs a target, an improvement direction and limits, else ``None``)
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

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from cohorts.qi.measure import MeasureRole, UnitKind
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
RULE_ORDER = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)


class TwoOfThree(StrEnum):
    """Which points beyond the 2-sigma line count towards "2 out of 3"."""

    BEYOND_TWO_SIGMA = "beyond_two_sigma"  # Making Data Count since Nov 2023
    OUTER_THIRD = "outer_third"  # NHSRplotthedots 0.2.2: not outside the limits


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
    """Points ``start_index`` to ``end_index`` and their centre line and limits.

    A segment of one point has no moving range: its ``mean_moving_range``,
    limits and 2-sigma lines are ``None``. ``lower_limit_clipped`` and
    ``upper_limit_clipped`` say that the limit was set to the unit's bound.
    """

    start_index: int
    end_index: int
    start_period: date
    end_period: date
    mean: float
    mean_moving_range: float | None
    lower_limit: float | None
    upper_limit: float | None
    lower_two_sigma: float | None
    upper_two_sigma: float | None
    trial_limits: bool
    lower_limit_clipped: bool = False
    upper_limit_clipped: bool = False

    @property
    def has_limits(self) -> bool:
        return self.mean_moving_range is not None

    @property
    def length(self) -> int:
        return self.end_index - self.start_index + 1


@dataclass(frozen=True)
class SpcAnalysis:
    """The XmR analysis.

    ``moving_ranges`` has one entry per point, ``None`` for the first point of
    each segment. ``variation_direction`` is the direction of the signal that
    sets ``variation`` (``None`` for common cause). ``trial_limits`` is the
    latest segment's.
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
    role: MeasureRole = MeasureRole.OUTCOME
    unit_kind: UnitKind = UnitKind.OTHER
    two_of_three: TwoOfThree = TwoOfThree.BEYOND_TWO_SIGMA


def _segment(
    points: Sequence[Point],
    moving_ranges: Sequence[float | None],
    span: tuple[int, int],
    unit_kind: UnitKind,
) -> Segment:
    start, end = span
    mean = statistics.mean(point.value for point in points[start : end + 1])
    ranges = [mr for mr in moving_ranges[start : end + 1] if mr is not None]
    if not ranges:
        return Segment(
            start_index=start,
            end_index=end,
            start_period=points[start].period,
            end_period=points[end].period,
            mean=mean,
            mean_moving_range=None,
            lower_limit=None,
            upper_limit=None,
            lower_two_sigma=None,
            upper_two_sigma=None,
            trial_limits=False,
        )
    mean_moving_range = statistics.mean(ranges)
    low, high = unit_kind.bounds
    low = -math.inf if low is None else low
    high = math.inf if high is None else high

    def line(factor: float) -> float:
        return min(max(mean + factor * mean_moving_range, low), high)

    return Segment(
        start_index=start,
        end_index=end,
        start_period=points[start].period,
        end_period=points[end].period,
        mean=mean,
        mean_moving_range=mean_moving_range,
        lower_limit=line(-LIMIT_FACTOR),
        upper_limit=line(LIMIT_FACTOR),
        lower_two_sigma=line(-TWO_SIGMA_FACTOR),
        upper_two_sigma=line(TWO_SIGMA_FACTOR),
        trial_limits=end - start + 1 < MIN_POINTS_FOR_FIRM_LIMITS,
        lower_limit_clipped=mean - LIMIT_FACTOR * mean_moving_range < low,
        upper_limit_clipped=mean + LIMIT_FACTOR * mean_moving_range > high,
    )


def _segment_signals(
    points: Sequence[Point],
    segment: Segment,
    improvement: ImprovementDirection,
    two_of_three: TwoOfThree,
) -> list[tuple[Signal, set[int]]]:
    """Every rule within one segment, as signals and the points they flag."""
    if not segment.has_limits:
        return []  # one point: no rule can fire
    offset = segment.start_index
    values = [point.value for point in points[offset : segment.end_index + 1]]
    sides = [sign(value - segment.mean) for value in values]
    outside = [
        not segment.lower_limit <= value <= segment.upper_limit for value in values
    ]
    near = [
        not segment.lower_two_sigma <= value <= segment.upper_two_sigma
        and (two_of_three is TwoOfThree.BEYOND_TWO_SIGMA or not outside[i])
        for i, value in enumerate(values)
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
    """The points beyond two sigma (``near``) of each qualifying window, with
    their side of the mean.

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
    if (
        target is None
        or improvement is ImprovementDirection.NEITHER
        or segment.lower_limit is None
        or segment.upper_limit is None
    ):
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
    role: MeasureRole | str = MeasureRole.OUTCOME,
    unit_kind: UnitKind | str = UnitKind.OTHER,
    two_of_three: TwoOfThree | str = TwoOfThree.BEYOND_TWO_SIGMA,
) -> SpcAnalysis:
    """Analyse a series as an XmR chart with the Making Data Count rules.

    ``improvement``, ``role``, ``unit_kind`` and ``two_of_three`` may also be
    given as their string values. ``role`` changes no rule: the summary, the
    chart and ``sustained_improvement`` read it.
    """
    improvement = ImprovementDirection(improvement)
    unit_kind = UnitKind(unit_kind)
    two_of_three = TwoOfThree(two_of_three)
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
    segments = tuple(
        _segment(ordered, moving_ranges, bound, unit_kind) for bound in bounds
    )
    flagged = sorted(
        (
            item
            for segment in segments
            for item in _segment_signals(ordered, segment, improvement, two_of_three)
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
        trial_limits=segments[-1].trial_limits,
        variation=_VARIATION[latest.label],
        variation_direction=variation_direction,
        assurance=_assurance(segments[-1], target, improvement),
        role=MeasureRole(role),
        unit_kind=unit_kind,
        two_of_three=two_of_three,
    )
