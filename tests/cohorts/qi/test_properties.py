"""Invariants of the run chart and XmR analyses, checked with hypothesis."""

import math
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from cohorts.qi import (
    Direction,
    ImprovementDirection,
    Rule,
    analyse_run_chart,
    analyse_spc,
    runs_limits,
)

from .series import series

SWAP = {
    Direction.ABOVE: Direction.BELOW,
    Direction.BELOW: Direction.ABOVE,
    Direction.UP: Direction.DOWN,
    Direction.DOWN: Direction.UP,
    None: None,
}
IMPROVEMENTS = st.sampled_from(list(ImprovementDirection))
# Small integers give many ties and many points on the median.
TIED = st.lists(st.integers(0, 6), min_size=10, max_size=40)
# Magnitudes of at least 1e-6 keep every difference far from subnormal floats.
FLOATS = st.floats(-1e6, 1e6).filter(lambda value: value == 0 or abs(value) > 1e-6)
REALS = st.lists(FLOATS, min_size=1, max_size=40)
# Two or more points: a moving range, so limits.
WITH_LIMITS = st.lists(FLOATS, min_size=2, max_size=40)


def of_rule(analysis, rule):
    return [signal for signal in analysis.signals if signal.rule is rule]


def flagged(analysis, rule):
    return {point.index for point in analysis.points if rule in point.rules}


def mirrored(analysis, rule):
    """Signal spans as they should be for the reversed series: rising and
    falling swap, above and below do not."""
    last = len(analysis.points) - 1
    turn = {Direction.UP: Direction.DOWN, Direction.DOWN: Direction.UP}
    return sorted(
        (
            last - s.end_index,
            last - s.start_index,
            turn.get(s.direction, s.direction),
            s.length,
        )
        for s in of_rule(analysis, rule)
    )


def spans(analysis, rule):
    return sorted(
        (s.start_index, s.end_index, s.direction, s.length)
        for s in of_rule(analysis, rule)
    )


@given(values=TIED, data=st.data())
def test_points_on_the_median_never_create_or_break_a_shift(values, data):
    before = analyse_run_chart(series(values))
    positions = data.draw(st.lists(st.integers(0, len(values)), max_size=10))
    new_values, origin = list(values), list(range(len(values)))
    for position in sorted(positions, reverse=True):
        new_values.insert(position, before.median)
        origin.insert(position, None)
    after = analyse_run_chart(series(new_values))
    # Adding values equal to the median leaves the median where it was.
    assert after.median == before.median
    assert {origin[i] for i in flagged(after, Rule.SHIFT)} == flagged(
        before, Rule.SHIFT
    )
    assert [(s.direction, s.length) for s in of_rule(after, Rule.SHIFT)] == [
        (s.direction, s.length) for s in of_rule(before, Rule.SHIFT)
    ]
    assert (after.runs, after.useful_observations) == (
        before.runs,
        before.useful_observations,
    )


@given(values=TIED, data=st.data())
def test_repeating_a_value_never_creates_or_breaks_a_run_chart_trend(values, data):
    position = data.draw(st.integers(0, len(values) - 1))
    repeated = values[: position + 1] + values[position:]
    before = analyse_run_chart(series(values))
    after = analyse_run_chart(series(repeated))
    assert [(s.direction, s.length) for s in of_rule(after, Rule.TREND)] == [
        (s.direction, s.length) for s in of_rule(before, Rule.TREND)
    ]


@given(values=TIED)
def test_reversing_a_run_chart_swaps_rising_and_falling_trends(values):
    forward = analyse_run_chart(series(values))
    backward = analyse_run_chart(series(values[::-1]))
    assert backward.median == forward.median
    assert spans(backward, Rule.TREND) == mirrored(forward, Rule.TREND)
    assert spans(backward, Rule.SHIFT) == mirrored(forward, Rule.SHIFT)
    assert backward.runs == forward.runs


@given(values=TIED)
def test_runs_count_side_changes_of_useful_observations(values):
    analysis = analyse_run_chart(series(values))
    sides = [v > analysis.median for v in values if v != analysis.median]
    changes = sum(a != b for a, b in pairwise(sides))
    assert analysis.runs == (changes + 1 if sides else 0)
    assert analysis.useful_observations == len(sides)


@given(st.integers(10, 200))
def test_runs_limits_are_symmetric_around_expected_runs(useful):
    lower, upper = runs_limits(useful)
    assert 2 <= lower <= useful / 2 + 1 <= upper <= useful
    if useful % 2 == 0:
        # With equal numbers above and below, the distribution is symmetric.
        assert lower + upper == useful + 2


@given(values=REALS, improvement=IMPROVEMENTS, cut=st.integers(0, 40))
def test_a_segment_has_limits_exactly_when_it_has_a_moving_range(
    values, improvement, cut
):
    points = series(values)
    change = points[min(cut, len(points) - 1)].period
    analysis = analyse_spc(points, improvement, change_date=change, target=0)
    for segment in analysis.segments:
        has_range = segment.end_index > segment.start_index
        assert segment.has_limits == has_range
        limits = (segment.lower_limit, segment.upper_limit, segment.lower_two_sigma)
        assert all((limit is not None) == has_range for limit in limits)
        assert segment.trial_limits == (has_range and segment.length < 12)
    if not analysis.segments[-1].has_limits:
        assert analysis.assurance is None


@given(values=WITH_LIMITS, improvement=IMPROVEMENTS)
def test_limits_are_symmetric_around_the_mean(values, improvement):
    for segment in analyse_spc(series(values), improvement).segments:
        tolerance = 1e-9 * max(1.0, abs(segment.mean))
        assert math.isclose(
            segment.upper_limit - segment.mean,
            segment.mean - segment.lower_limit,
            abs_tol=tolerance,
        )
        assert math.isclose(
            segment.upper_two_sigma - segment.mean,
            segment.mean - segment.lower_two_sigma,
            abs_tol=tolerance,
        )
        assert (
            segment.lower_limit
            <= segment.lower_two_sigma
            <= segment.mean
            <= segment.upper_two_sigma
            <= segment.upper_limit
        )


@given(values=WITH_LIMITS, shift=st.floats(-1e6, 1e6))
def test_translating_the_data_translates_mean_and_limits(values, shift):
    (before,) = analyse_spc(series(values)).segments
    (after,) = analyse_spc(series([v + shift for v in values])).segments
    tolerance = 1e-9 * max(1.0, abs(before.mean), abs(shift), before.upper_limit)
    for name in ("mean", "lower_limit", "upper_limit", "upper_two_sigma"):
        assert math.isclose(
            getattr(after, name), getattr(before, name) + shift, abs_tol=tolerance
        )
    assert math.isclose(
        after.mean_moving_range, before.mean_moving_range, abs_tol=tolerance
    )


@given(values=WITH_LIMITS, power=st.integers(-4, 4), improvement=IMPROVEMENTS)
def test_scaling_by_a_power_of_two_scales_limits_and_keeps_signals(
    values, power, improvement
):
    factor = 2.0**power
    before = analyse_spc(series(values), improvement)
    after = analyse_spc(series([v * factor for v in values]), improvement)
    (old,), (new,) = before.segments, after.segments
    assert new.mean == old.mean * factor
    assert new.upper_limit == old.upper_limit * factor
    assert new.lower_limit == old.lower_limit * factor
    assert [(p.rules, p.label) for p in after.points] == [
        (p.rules, p.label) for p in before.points
    ]


@given(values=WITH_LIMITS)
def test_negating_the_data_and_direction_keeps_labels_and_swaps_sides(values):
    before = analyse_spc(series(values), ImprovementDirection.HIGHER_IS_BETTER)
    after = analyse_spc(
        series([-v for v in values]), ImprovementDirection.LOWER_IS_BETTER
    )
    assert after.segments[0].mean == -before.segments[0].mean
    assert after.segments[0].upper_limit == -before.segments[0].lower_limit
    assert [
        (s.rule, s.start_index, s.label, SWAP[s.direction]) for s in after.signals
    ] == [(s.rule, s.start_index, s.label, s.direction) for s in before.signals]
    assert after.variation == before.variation


@given(values=REALS)
def test_reversing_an_xmr_series_keeps_limits_and_swaps_trends(values):
    forward = analyse_spc(series(values))
    backward = analyse_spc(series(values[::-1]))
    assert backward.segments[0].mean == forward.segments[0].mean
    assert backward.segments[0].upper_limit == forward.segments[0].upper_limit
    for rule in Rule:
        assert spans(backward, rule) == mirrored(forward, rule)


@given(values=REALS, improvement=IMPROVEMENTS, cut=st.integers(0, 40))
def test_flagged_points_lie_inside_signals_of_one_segment(values, improvement, cut):
    points = series(values)
    change = points[min(cut, len(points) - 1)].period
    analysis = analyse_spc(points, improvement, change_date=change)
    for signal in analysis.signals:
        assert any(
            segment.start_index
            <= signal.start_index
            <= signal.end_index
            <= segment.end_index
            for segment in analysis.segments
        )
        assert 1 <= signal.length <= signal.end_index - signal.start_index + 1
    for point in analysis.points:
        for rule in point.rules:
            assert any(
                s.start_index <= point.index <= s.end_index
                for s in of_rule(analysis, rule)
            )


PERCENTAGES = st.lists(
    st.floats(0, 100).filter(lambda value: value == 0 or value > 1e-6),
    min_size=2,
    max_size=40,
)


@given(values=PERCENTAGES, improvement=IMPROVEMENTS, cut=st.integers(0, 40))
def test_clipping_to_the_units_bounds_changes_no_flag(values, improvement, cut):
    """Values inside the bounds are flagged as without clipping, and every line
    lies within the bounds."""
    points = series(values)
    change = points[min(cut, len(points) - 1)].period
    plain = analyse_spc(points, improvement, change_date=change)
    for kind in ("percentage", "count"):
        clipped = analyse_spc(points, improvement, change_date=change, unit_kind=kind)
        assert [(p.rules, p.label) for p in clipped.points] == [
            (p.rules, p.label) for p in plain.points
        ]
        low, high = clipped.unit_kind.bounds
        for segment in clipped.segments:
            lines = (segment.lower_limit, segment.lower_two_sigma, segment.mean)
            lines += (segment.upper_two_sigma, segment.upper_limit)
            if segment.has_limits:
                assert all(low <= line <= (high or math.inf) for line in lines)
