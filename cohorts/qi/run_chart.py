"""Run chart analysis, and the data types shared with the SPC analysis.

Source of the rules: Perla RJ, Provost LP, Murray SK. "The run chart: a simple
analytical tool for learning from variation in healthcare processes."
BMJ Qual Saf 2011;20:46-51.

Centre line
    The median of all the points.

Points
    Points are ordered by their ``period``; two points may not share a period.
    A missing period (a gap) is simply not there: the rules look at
    consecutive *recorded* points.

Rules (applied only when there are at least ``MIN_POINTS_FOR_RULES`` = 10
points; with fewer, the median is still returned, no rule is applied and
``too_few_points`` is set so the page can say "Too few points for the run
chart rules (fewer than 10)"):

Shift
    Six or more consecutive points all above, or all below, the median.
    Points on the median neither count towards nor break a shift: they are
    skipped, are not flagged, and may lie inside the signal's span.

Trend
    Five or more consecutive points all going up, or all going down.
    Repeated equal consecutive values count once: they neither add to nor
    break a trend. A trend starts at the point the movement starts from (the
    last of any equal values there) and ends at the first point that reaches
    its final value; equal values inside it are flagged with it.

Runs
    A run is one or more consecutive points on the same side of the median.
    Points on the median are ignored and do not end a run. Runs are counted
    over the "useful observations" (the points not on the median). Too few
    or too many runs for the number of useful observations is a signal; see
    ``runs_limits`` for where the limits come from. With fewer than 10 useful
    observations the runs rule is not applied (``runs_limits`` is ``None``).

Astronomical point
    Not computed. It is a judgement made by people looking at the chart, so
    an editor records it as the point's ``annotation``.

Labels
    A shift or trend is labelled "improvement" or "concern" according to the
    improvement direction (higher is better / lower is better), and "neutral"
    when there is none. Too few or too many runs has no direction and is
    always "neutral". A point flagged by both a shift and a trend takes the
    shift's label.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from math import comb, isfinite
from typing import Protocol

from cohorts.qi.measure import MeasureRole, UnitKind

MIN_POINTS_FOR_RULES = 10
SHIFT_LENGTH = 6
TREND_LENGTH = 5
MIN_USEFUL_OBSERVATIONS_FOR_RUNS = 10
RUNS_TAIL_PROBABILITY = 0.025


class ImprovementDirection(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEITHER = "neither"


class Label(StrEnum):
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL = "neutral"


class Direction(StrEnum):
    """Where a signal sits: above/below the centre line, or rising/falling."""

    ABOVE = "above"
    BELOW = "below"
    UP = "up"
    DOWN = "down"


class Rule(StrEnum):
    SHIFT = "shift"
    TREND = "trend"
    TOO_FEW_RUNS = "too_few_runs"
    TOO_MANY_RUNS = "too_many_runs"
    OUTSIDE_LIMITS = "outside_limits"
    TWO_OF_THREE = "two_of_three"


class PointLike(Protocol):
    """Anything with a ``period`` and a ``value``; ``annotation`` is optional."""

    @property
    def period(self) -> date: ...

    @property
    def value(self) -> float | Decimal: ...


@dataclass(frozen=True)
class Point:
    """A point to analyse (any object with ``period`` and ``value`` will do)."""

    period: date
    value: float
    annotation: str = ""


@dataclass(frozen=True)
class FlaggedPoint:
    """One input point with the rules that flagged it and the resulting label."""

    index: int
    period: date
    value: float
    annotation: str
    rules: tuple[Rule, ...]
    label: Label | None


@dataclass(frozen=True)
class Signal:
    """One rule firing over the points ``start_index`` to ``end_index``.

    ``length`` is the number of points that count towards the rule (points on
    the centre line inside a run-chart shift, and repeated values inside a
    run-chart trend, are not counted). ``direction`` is ``None`` for the runs
    rules, which have no direction.
    """

    rule: Rule
    start_index: int
    end_index: int
    start_period: date
    end_period: date
    direction: Direction | None
    label: Label
    length: int


@dataclass(frozen=True)
class RunChartAnalysis:
    median: float
    points: tuple[FlaggedPoint, ...]
    signals: tuple[Signal, ...]
    useful_observations: int
    runs: int
    runs_limits: tuple[int, int] | None
    too_few_points: bool
    improvement: ImprovementDirection
    role: MeasureRole = MeasureRole.OUTCOME
    unit_kind: UnitKind = UnitKind.OTHER


def ordered_points(points: Iterable[PointLike]) -> list[Point]:
    """Sort points by period and convert their values to float.

    Raises ``ValueError`` for an empty series, a repeated period or a value
    that is not a finite number.
    """
    ordered = sorted(points, key=lambda point: point.period)
    if not ordered:
        raise ValueError("At least one point is needed.")
    result: list[Point] = []
    for point in ordered:
        value = float(point.value)
        if not isfinite(value):
            raise ValueError(f"The value for {point.period} is not a finite number.")
        if result and result[-1].period == point.period:
            raise ValueError(f"Two points share the period {point.period}.")
        annotation = getattr(point, "annotation", "") or ""
        result.append(Point(point.period, value, annotation))
    return result


def label_for(direction: Direction, improvement: ImprovementDirection) -> Label:
    if improvement is ImprovementDirection.NEITHER:
        return Label.NEUTRAL
    higher = direction in (Direction.ABOVE, Direction.UP)
    if higher == (improvement is ImprovementDirection.HIGHER_IS_BETTER):
        return Label.IMPROVEMENT
    return Label.CONCERN


def side_runs(sides: Sequence[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive equal non-zero entries, as (start, end).

    A zero is in no run and ends the run before it.
    """
    runs: list[tuple[int, int]] = []
    for index, side in enumerate(sides):
        if side == 0:
            continue
        if runs and runs[-1][1] == index - 1 and sides[index - 1] == side:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def sign(number: float) -> int:
    return (number > 0) - (number < 0)


def make_signal(
    rule: Rule,
    points: Sequence[Point],
    span: tuple[int, int],
    direction: Direction,
    improvement: ImprovementDirection,
    length: int,
) -> Signal:
    """A signal over ``points[span[0]]`` to ``points[span[1]]``."""
    start, end = span
    return Signal(
        rule=rule,
        start_index=start,
        end_index=end,
        start_period=points[start].period,
        end_period=points[end].period,
        direction=direction,
        label=label_for(direction, improvement),
        length=length,
    )


def _runs_distribution(below: int, above: int) -> dict[int, int]:
    """How many arrangements of the two kinds give each number of runs.

    Swed FS, Eisenhart C. "Tables for testing randomness of grouping in a
    sequence of alternatives." Ann Math Stat 1943;14:66-87.
    """
    counts: dict[int, int] = {}
    for runs in range(2, below + above + 1):
        k, odd = divmod(runs, 2)
        if odd:
            count = comb(below - 1, k) * comb(above - 1, k - 1) + comb(
                below - 1, k - 1
            ) * comb(above - 1, k)
        else:
            count = 2 * comb(below - 1, k - 1) * comb(above - 1, k - 1)
        if count:
            counts[runs] = count
    return counts


@cache
def runs_limits(useful_observations: int) -> tuple[int, int] | None:
    """Lower and upper limit for the number of runs, or ``None`` below 10.

    Perla et al. judge the number of runs against their Table 1 (10 to 60
    useful observations), which they take from Swed & Eisenhart at about the
    5% level. The table itself could not be checked against the paper when
    this was written, and the copies in circulation disagree with each other,
    so the limits are computed from the same distribution instead: the useful
    observations are split as evenly as possible above and below the median
    and, under randomness,

    * ``lower`` is the largest r with P(runs < r) <= 2.5%, and
    * ``upper`` is the smallest r with P(runs > r) <= 2.5%.

    There are too few runs below ``lower`` and too many above ``upper``. This
    reproduces the values usually quoted from the table for 10 (3 to 9) and
    30 (11 to 21) useful observations, but for some sizes it is one run
    stricter than the quoted table (20 gives 7 to 15 where 6 to 16 is
    quoted). The same computation is used beyond 60.
    """
    if useful_observations < MIN_USEFUL_OBSERVATIONS_FOR_RUNS:
        return None
    below = useful_observations // 2
    counts = _runs_distribution(below, useful_observations - below)
    allowed = RUNS_TAIL_PROBABILITY * comb(useful_observations, below)
    return _limit(counts, allowed, ascending=True), _limit(
        counts, allowed, ascending=False
    )


def _limit(counts: dict[int, int], allowed: float, *, ascending: bool) -> int:
    """Walk in from one end while the tail probability stays within ``allowed``."""
    step = 1 if ascending else -1
    ordered = sorted(counts, reverse=not ascending)
    limit, tail = ordered[0], 0
    for runs in ordered:
        tail += counts[runs]
        if tail > allowed:
            break
        limit = runs + step
    return limit


def _shift_signals(
    points: Sequence[Point], median: float, improvement: ImprovementDirection
) -> list[tuple[Signal, set[int]]]:
    useful = [
        (index, sign(point.value - median))
        for index, point in enumerate(points)
        if point.value != median
    ]
    result = []
    for first, last in side_runs([side for _, side in useful]):
        if last - first + 1 < SHIFT_LENGTH:
            continue
        direction = Direction.ABOVE if useful[first][1] > 0 else Direction.BELOW
        signal = make_signal(
            Rule.SHIFT,
            points,
            (useful[first][0], useful[last][0]),
            direction,
            improvement,
            last - first + 1,
        )
        result.append((signal, {index for index, _ in useful[first : last + 1]}))
    return result


def _trend_signals(
    points: Sequence[Point], improvement: ImprovementDirection
) -> list[tuple[Signal, set[int]]]:
    """Trends, skipping repeated values (each repeat counts once)."""
    moves: list[tuple[int, int, int, int]] = []  # (direction, start, end, length)
    for index in range(1, len(points)):
        step = sign(points[index].value - points[index - 1].value)
        if step == 0:
            continue
        if moves and moves[-1][0] == step:
            direction, start, _, length = moves[-1]
            moves[-1] = (direction, start, index, length + 1)
        else:
            moves.append((step, index - 1, index, 2))
    return [
        (
            make_signal(
                Rule.TREND,
                points,
                (start, end),
                Direction.UP if direction > 0 else Direction.DOWN,
                improvement,
                length,
            ),
            set(range(start, end + 1)),
        )
        for direction, start, end, length in moves
        if length >= TREND_LENGTH
    ]


def flag_points(
    points: Sequence[Point],
    flagged: Sequence[tuple[Signal, set[int]]],
    rule_order: Sequence[Rule],
) -> tuple[FlaggedPoint, ...]:
    """Attach rules and a label to every point.

    A point flagged by several rules takes the label of the first of them in
    ``rule_order`` (and, for two signals of one rule, of the earlier signal).
    """
    rules: list[set[Rule]] = [set() for _ in points]
    labels: list[dict[Rule, Label]] = [{} for _ in points]
    for signal, indices in flagged:
        for index in indices:
            rules[index].add(signal.rule)
            labels[index].setdefault(signal.rule, signal.label)
    result = []
    for index, point in enumerate(points):
        ordered = tuple(rule for rule in rule_order if rule in rules[index])
        result.append(
            FlaggedPoint(
                index=index,
                period=point.period,
                value=point.value,
                annotation=point.annotation,
                rules=ordered,
                label=labels[index][ordered[0]] if ordered else None,
            )
        )
    return tuple(result)


def analyse_run_chart(
    points: Iterable[PointLike],
    improvement: ImprovementDirection | str = ImprovementDirection.NEITHER,
    *,
    role: MeasureRole | str = MeasureRole.OUTCOME,
    unit_kind: UnitKind | str = UnitKind.OTHER,
) -> RunChartAnalysis:
    """Analyse a series with the Perla, Provost & Murray run chart rules.

    ``improvement``, ``role`` and ``unit_kind`` may also be given as their
    string values. ``role`` and ``unit_kind`` change no rule: the summary, the
    chart and ``sustained_improvement`` read them (``measure``).
    """
    improvement = ImprovementDirection(improvement)
    ordered = ordered_points(points)
    median = statistics.median(point.value for point in ordered)
    useful_sides = [
        sign(point.value - median) for point in ordered if point.value != median
    ]
    runs = len(side_runs(useful_sides))
    too_few_points = len(ordered) < MIN_POINTS_FOR_RULES
    limits = None if too_few_points else runs_limits(len(useful_sides))
    flagged: list[tuple[Signal, set[int]]] = []
    if not too_few_points:
        flagged = sorted(
            _shift_signals(ordered, median, improvement)
            + _trend_signals(ordered, improvement),
            key=lambda item: (item[0].start_index, item[0].rule),
        )
    signals = [signal for signal, _ in flagged]
    if limits and not limits[0] <= runs <= limits[1]:
        signals.append(
            Signal(
                rule=Rule.TOO_FEW_RUNS if runs < limits[0] else Rule.TOO_MANY_RUNS,
                start_index=0,
                end_index=len(ordered) - 1,
                start_period=ordered[0].period,
                end_period=ordered[-1].period,
                direction=None,
                label=Label.NEUTRAL,
                length=len(useful_sides),
            )
        )
    return RunChartAnalysis(
        median=median,
        points=flag_points(ordered, flagged, (Rule.SHIFT, Rule.TREND)),
        signals=tuple(signals),
        useful_observations=len(useful_sides),
        runs=runs,
        runs_limits=limits,
        too_few_points=too_few_points,
        improvement=improvement,
        role=MeasureRole(role),
        unit_kind=UnitKind(unit_kind),
    )
