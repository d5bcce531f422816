"""Cross-checks against independent implementations.

1. The runs limits against a brute-force count of every arrangement.
2. The run chart rules against a reference written here, straight from the
   definitions in Perla, Provost & Murray (2011).
3. Against pyqicharts (MIT licence, test-only, never imported by runtime code):
   XmR mean, limits and outside-limit flags; its run-chart counts; and its
   shift, trend and two-sigma rules where their definitions coincide with ours.

Deliberate differences from pyqicharts, pinned by the tests below:

* Its XmR limits use 3 x MR-bar / 1.128 (= 2.6596 x MR-bar); Making Data Count
  uses 2.66 x MR-bar. Limit widths differ by the constant ratio 2.66 / 2.6596.
* Its run chart verdict uses the Anhoej rules (longest run, number of
  crossings), not Perla's; only the median, useful observations and number of
  runs are compared.
* Its XmR shift skips points on the mean and its trend skips ties; Making Data
  Count lets both break the run. Compared on series without either.
* Its two-sigma rule counts points outside the limits as beyond two sigma, as
  ours does by default (Making Data Count since November 2023); ours can also
  count only the outer third (``TwoOfThree.OUTER_THIRD``). Compared on series
  with and without points outside.
* Its trend flags leave out the second of two equal values inside a run chart
  trend; ours flag every point in the trend's span.
"""

import random
import re
from itertools import combinations, groupby, pairwise

import pandas
import pyqicharts
import pytest
from pyqicharts import xmr_rules

from cohorts.qi import Rule, analyse_run_chart, analyse_spc, runs_limits

from .series import series

PYQICHARTS_LIMIT_FACTOR = 3 / 1.128


def random_series(seed, count=36, levels=None):
    """Noise around a level that steps part-way, sometimes with ties."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data)
    step = rng.choice([0, 0, 2, -2, 4])
    values = [
        rng.gauss(10 + (step if i > count // 2 else 0), 1.5) for i in range(count)
    ]
    if levels:
        values = [round(v * levels) / levels for v in values]
    return values


SEEDS = range(12)


# 1. Runs limits ------------------------------------------------------------


def brute_force_limits(useful):
    """Count runs over every arrangement of n/2 points below and the rest above."""
    below = useful // 2
    counts = {}
    for positions in combinations(range(useful), below):
        chosen = set(positions)
        sides = [i in chosen for i in range(useful)]
        runs = 1 + sum(a != b for a, b in pairwise(sides))
        counts[runs] = counts.get(runs, 0) + 1
    total = sum(counts.values())
    lower = max(
        r
        for r in range(2, useful + 2)
        if sum(c for k, c in counts.items() if k < r) / total <= 0.025
    )
    upper = min(
        r
        for r in range(1, useful + 1)
        if sum(c for k, c in counts.items() if k > r) / total <= 0.025
    )
    return lower, upper


@pytest.mark.parametrize("useful", range(10, 19))
def test_runs_limits_match_brute_force_enumeration(useful):
    assert runs_limits(useful) == brute_force_limits(useful)


# 2. Reference run chart rules written from the published definitions -------


def reference_run_chart(values):
    """Shift, trend and runs straight from Perla et al.'s wording."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = (
        ordered[middle]
        if len(ordered) % 2
        else (ordered[middle - 1] + ordered[middle]) / 2
    )
    # Shift: 6+ useful points in a row on one side (median points skipped).
    useful = [
        (i, "a" if v > median else "b") for i, v in enumerate(values) if v != median
    ]
    sides = "".join(side for _, side in useful)
    shifts = {
        (useful[m.start()][0], useful[m.end() - 1][0])
        for m in re.finditer(r"a{6,}|b{6,}", sides)
    }
    # Trend: 5+ points all going up or down, a repeated value counting once.
    distinct = [
        next(group)[0] for _, group in groupby(enumerate(values), lambda p: p[1])
    ]
    trends = set()
    for direction in (1, -1):
        moves = "".join(
            "x" if (values[b] - values[a]) * direction > 0 else "."
            for a, b in pairwise(distinct)
        )
        for m in re.finditer(r"x{4,}", moves):
            first, last = distinct[m.start()], distinct[m.end()]
            # Start from the last of any equal values the movement leaves.
            while first + 1 < len(values) and values[first + 1] == values[first]:
                first += 1
            trends.add((first, last))
    runs = len([key for key, _ in groupby(sides)])
    return median, shifts, trends, runs


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("levels", [None, 1, 2])
def test_run_chart_rules_match_reference(seed, levels):
    values = random_series(seed, count=30, levels=levels)
    median, shifts, trends, runs = reference_run_chart(values)
    analysis = analyse_run_chart(series(values))
    assert analysis.median == median
    assert {
        (s.start_index, s.end_index) for s in analysis.signals if s.rule is Rule.SHIFT
    } == shifts
    assert {
        (s.start_index, s.end_index) for s in analysis.signals if s.rule is Rule.TREND
    } == trends
    assert analysis.runs == runs


def test_reference_agrees_on_a_hand_made_series_with_ties():
    values = [5, 3, 1, 2, 2, 3, 4, 5, 2, 6, 2, 5, 8, 8, 8, 8, 8, 8, 1, 1]
    median, shifts, trends, runs = reference_run_chart(values)
    analysis = analyse_run_chart(series(values))
    assert (median, shifts, trends, runs) == (4.5, {(1, 6), (11, 17)}, {(2, 7)}, 8)
    found = {(s.rule, s.start_index, s.end_index) for s in analysis.signals}
    assert found == {(Rule.SHIFT, *span) for span in shifts} | {
        (Rule.TREND, *span) for span in trends
    }
    assert (analysis.median, analysis.runs) == (median, runs)


# 3. pyqicharts ----------------------------------------------------------------


def pyqicharts_i_chart(values, recalculate_at=None):
    frame = pandas.DataFrame({"x": range(1, len(values) + 1), "y": values})
    return pyqicharts.qic_table(
        frame,
        x="x",
        y="y",
        chart="i",
        recalculation_points=None if recalculate_at is None else [recalculate_at + 1],
    )


def limit_is_unambiguous(values, mean, mean_moving_range):
    """No point lies between our limits and pyqicharts' slightly narrower ones."""
    ours = 2.66 * mean_moving_range
    theirs = PYQICHARTS_LIMIT_FACTOR * mean_moving_range
    return not any(theirs <= abs(v - mean) <= ours for v in values)


@pytest.mark.parametrize("seed", SEEDS)
def test_xmr_mean_limits_and_outside_flags_match_pyqicharts(seed):
    values = random_series(seed)
    values[seed % len(values)] += 8  # an outlier now and then
    analysis = analyse_spc(series(values))
    (segment,) = analysis.segments
    table = pyqicharts_i_chart(values)
    assert segment.mean == pytest.approx(table["centre"].iloc[0], rel=1e-12)
    assert segment.mean_moving_range == pytest.approx(table["mrbar"].iloc[0], rel=1e-12)
    ratio = 2.66 / PYQICHARTS_LIMIT_FACTOR
    assert segment.upper_limit - segment.mean == pytest.approx(
        (table["ucl"].iloc[0] - table["centre"].iloc[0]) * ratio, rel=1e-12
    )
    assert segment.mean - segment.lower_limit == pytest.approx(
        (table["centre"].iloc[0] - table["lcl"].iloc[0]) * ratio, rel=1e-12
    )
    assert limit_is_unambiguous(values, segment.mean, segment.mean_moving_range)
    theirs = list(table["outside_ucl"] | table["outside_lcl"])
    ours = [Rule.OUTSIDE_LIMITS in p.rules for p in analysis.points]
    assert ours == theirs


@pytest.mark.parametrize("seed", SEEDS[:6])
def test_xmr_recalculated_segments_match_pyqicharts(seed):
    values = random_series(seed, count=30)
    split = 14
    points = series(values)
    analysis = analyse_spc(points, change_date=points[split].period)
    table = pyqicharts_i_chart(values, recalculate_at=split)
    for segment, rows in zip(
        analysis.segments, (table.iloc[:split], table.iloc[split:]), strict=True
    ):
        assert segment.mean == pytest.approx(rows["centre"].iloc[0], rel=1e-12)
        assert segment.mean_moving_range == pytest.approx(
            rows["mrbar"].iloc[0], rel=1e-12
        )


def pyqicharts_rules(values, centre, lcl=None, ucl=None, shift=7, trend=7):
    config = xmr_rules.XmrRuleConfig(shift_points=shift, trend_points=trend)
    return xmr_rules.xmr_signals(pandas.Series(values), centre, lcl, ucl, None, config)


@pytest.mark.parametrize("seed", SEEDS)
def test_xmr_shift_and_trend_flags_match_pyqicharts_without_ties(seed):
    values = random_series(seed)
    start = seed % 20
    values[start : start + 9] = sorted(values[start : start + 9], reverse=seed % 2 == 0)
    analysis = analyse_spc(series(values))
    (segment,) = analysis.segments
    assert len(set(values)) == len(values)
    assert segment.mean not in values
    assert any(Rule.TREND in p.rules for p in analysis.points)
    table = pyqicharts_rules(values, segment.mean)
    for rule, column in ((Rule.SHIFT, "shift"), (Rule.TREND, "trend")):
        assert [rule in p.rules for p in analysis.points] == list(table[column])


# Windows of three: 1 is in the outer third, other numbers are a share of the
# distance to the 2-sigma line (negative: the other side of the mean).
WINDOWS = [(1, 0.3, 1), (1, 1, 1), (1, -0.3, 1), (1, 0.3, 0.3), (0.5, 1, 1)]


def two_of_three_series(seed):
    """Quiet data with three planted windows, placed against the final limits."""
    rng = random.Random(seed)  # noqa: S311 (repeatable test data)
    values = [10 + rng.uniform(-0.3, 0.3) for _ in range(36)]
    plan = [
        (start, rng.choice([-1, 1]), rng.choice(WINDOWS))
        for start in rng.sample(range(0, 33, 4), 3)
    ]
    for _ in range(20):  # the limits move with the planted values: iterate
        (segment,) = analyse_spc(series(values)).segments
        two_sigma = segment.upper_two_sigma - segment.mean
        outer = (segment.upper_limit + segment.upper_two_sigma) / 2 - segment.mean
        for start, side, window in plan:
            for offset, share in enumerate(window):
                distance = outer if share == 1 else share * two_sigma
                values[start + offset] = segment.mean + side * distance
    return values


@pytest.mark.parametrize("seed", SEEDS)
def test_xmr_two_of_three_flags_match_pyqicharts_within_limits(seed):
    values = two_of_three_series(seed)
    analysis = analyse_spc(series(values))
    (segment,) = analysis.segments
    assert not any(Rule.OUTSIDE_LIMITS in p.rules for p in analysis.points)
    # pyqicharts derives two sigma from the limits it is given: give it ours.
    table = pyqicharts_rules(
        values, segment.mean, segment.lower_limit, segment.upper_limit
    )
    ours = [Rule.TWO_OF_THREE in p.rules for p in analysis.points]
    assert ours == list(table["two_sigma"])


def with_points_outside(values):
    """Push every point beyond two sigma 60% further from the mean."""
    (segment,) = analyse_spc(series(values)).segments
    two_sigma = segment.upper_two_sigma - segment.mean
    return [
        segment.mean
        + (v - segment.mean) * (1.6 if abs(v - segment.mean) > two_sigma else 1)
        for v in values
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_xmr_two_of_three_flags_match_pyqicharts_with_points_outside(seed):
    values = with_points_outside(two_of_three_series(seed))
    analysis = analyse_spc(series(values))
    (segment,) = analysis.segments
    table = pyqicharts_rules(
        values, segment.mean, segment.lower_limit, segment.upper_limit
    )
    ours = [Rule.TWO_OF_THREE in p.rules for p in analysis.points]
    assert ours == list(table["two_sigma"])


def test_two_of_three_cross_check_counts_points_outside_the_limits():
    both = [
        p
        for values in map(with_points_outside, map(two_of_three_series, SEEDS))
        for p in analyse_spc(series(values)).points
        if Rule.OUTSIDE_LIMITS in p.rules and Rule.TWO_OF_THREE in p.rules
    ]
    assert both


def test_two_of_three_cross_check_sees_both_outcomes():
    flagged = [
        any(Rule.TWO_OF_THREE in p.rules for p in analyse_spc(series(v)).points)
        for v in map(two_of_three_series, SEEDS)
    ]
    assert any(flagged) and not all(flagged)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("levels", [None, 1])
def test_run_chart_counts_and_rules_match_pyqicharts(seed, levels):
    values = random_series(seed, count=30, levels=levels)
    analysis = analyse_run_chart(series(values))
    anhoej = pyqicharts.anhoej_rules(values)
    assert analysis.median == anhoej.median
    assert analysis.useful_observations == anhoej.n_used
    assert analysis.runs == anhoej.runs
    table = pyqicharts_rules(values, analysis.median, shift=6, trend=5)
    shift = {p.index for p in analysis.points if Rule.SHIFT in p.rules}
    assert shift == set(table.index[table["shift"]])
    trend = {p.index for p in analysis.points if Rule.TREND in p.rules}
    theirs = set(table.index[table["trend"]])
    assert theirs <= trend
    assert all(values[i] == values[i - 1] for i in trend - theirs)
