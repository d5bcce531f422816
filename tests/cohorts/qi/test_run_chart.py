"""Worked series for the run chart rules (Perla, Provost & Murray 2011)."""

from datetime import date
from decimal import Decimal

import pytest

from cohorts.qi import (
    Direction,
    ImprovementDirection,
    Label,
    Point,
    Rule,
    analyse_run_chart,
    run_chart_summary,
    runs_limits,
)

from .series import series

HIGHER = ImprovementDirection.HIGHER_IS_BETTER
LOWER = ImprovementDirection.LOWER_IS_BETTER


def signals(analysis, rule):
    return [signal for signal in analysis.signals if signal.rule is rule]


# Median 10 (seven 8s, seven 12s); six 8s in a row from index 2 (March 2015).
SHIFT_OF_SIX = [12, 12, 8, 8, 8, 8, 8, 8, 12, 12, 12, 8, 12, 12]
SHIFT_OF_FIVE = [12, 12, 8, 8, 8, 8, 8, 12, 12, 12, 8, 8, 12, 12]


def test_median_is_middle_value_or_mean_of_middle_two():
    assert analyse_run_chart(series([3, 1, 2])).median == 2
    assert analyse_run_chart(series([4, 1, 3, 2])).median == 2.5


def test_fewer_than_ten_points_median_only_and_flagged():
    analysis = analyse_run_chart(series([1, 2, 3, 4, 5, 6, 7, 8, 9]), HIGHER)
    assert analysis.median == 5
    assert analysis.too_few_points
    assert analysis.signals == ()
    assert analysis.runs_limits is None
    assert all(point.rules == () for point in analysis.points)


def test_ten_points_rules_applied():
    analysis = analyse_run_chart(series([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), HIGHER)
    assert not analysis.too_few_points
    assert signals(analysis, Rule.TREND)


def test_shift_six_below_median_detected():
    analysis = analyse_run_chart(series(SHIFT_OF_SIX), LOWER)
    assert analysis.median == 10
    (shift,) = signals(analysis, Rule.SHIFT)
    assert (shift.start_index, shift.end_index, shift.length) == (2, 7, 6)
    assert shift.direction is Direction.BELOW
    assert shift.label is Label.IMPROVEMENT
    assert shift.start_period == date(2015, 3, 1)
    assert [p.index for p in analysis.points if Rule.SHIFT in p.rules] == list(
        range(2, 8)
    )


def test_shift_five_below_median_not_detected():
    analysis = analyse_run_chart(series(SHIFT_OF_FIVE), LOWER)
    assert analysis.median == 10
    assert signals(analysis, Rule.SHIFT) == []


def test_shift_point_on_median_neither_counts_nor_breaks():
    # Median 10: 8,8,8,(10),8,8,8 is a shift of six useful points.
    values = [12, 12, 8, 8, 8, 10, 8, 8, 8, 12, 12, 12, 8, 12, 12]
    analysis = analyse_run_chart(series(values), HIGHER)
    assert analysis.median == 10
    (shift,) = signals(analysis, Rule.SHIFT)
    assert (shift.start_index, shift.end_index, shift.length) == (2, 8, 6)
    assert shift.label is Label.CONCERN
    assert analysis.points[5].rules == ()


def test_shift_point_on_median_does_not_count_towards_six():
    # 8,8,(10),8,8,8 is only five useful points below the median.
    values = [12, 12, 8, 8, 10, 8, 8, 8, 12, 12, 12, 8, 8, 12, 12]
    analysis = analyse_run_chart(series(values))
    assert analysis.median == 10
    assert signals(analysis, Rule.SHIFT) == []


def test_shift_above_median_labels_follow_improvement_direction():
    values = [8, 8, 12, 12, 12, 12, 12, 12, 8, 8, 8, 12, 8, 8]
    assert (
        signals(analyse_run_chart(series(values), HIGHER), Rule.SHIFT)[0].label
        is Label.IMPROVEMENT
    )
    assert (
        signals(analyse_run_chart(series(values), LOWER), Rule.SHIFT)[0].label
        is Label.CONCERN
    )
    assert (
        signals(analyse_run_chart(series(values)), Rule.SHIFT)[0].label is Label.NEUTRAL
    )


def test_improvement_direction_accepted_as_string():
    analysis = analyse_run_chart(series(SHIFT_OF_SIX), "lower_is_better")
    assert signals(analysis, Rule.SHIFT)[0].label is Label.IMPROVEMENT


def test_unknown_improvement_direction_rejected():
    with pytest.raises(ValueError):
        analyse_run_chart(series(SHIFT_OF_SIX), "up")


def test_trend_five_rising_detected():
    values = [5, 3, 1, 2, 3, 4, 5, 4, 6, 2, 5, 3]
    analysis = analyse_run_chart(series(values), HIGHER)
    (trend,) = signals(analysis, Rule.TREND)
    assert (trend.start_index, trend.end_index, trend.length) == (2, 6, 5)
    assert trend.direction is Direction.UP
    assert trend.label is Label.IMPROVEMENT
    assert signals(analysis, Rule.SHIFT) == []


def test_trend_four_rising_not_detected():
    values = [5, 3, 1, 2, 3, 4, 2, 4, 6, 2, 5, 3]
    assert signals(analyse_run_chart(series(values), HIGHER), Rule.TREND) == []


def test_trend_five_falling_with_lower_is_better_is_improvement():
    values = [1, 3, 5, 4, 3, 2, 1, 2, 0, 4, 1, 3]
    (trend,) = signals(analyse_run_chart(series(values), LOWER), Rule.TREND)
    assert (trend.start_index, trend.end_index) == (2, 6)
    assert trend.direction is Direction.DOWN
    assert trend.label is Label.IMPROVEMENT


def test_trend_tie_inside_counts_once_and_does_not_break():
    values = [5, 3, 1, 2, 2, 3, 4, 5, 2, 6, 2, 5]
    analysis = analyse_run_chart(series(values), HIGHER)
    (trend,) = signals(analysis, Rule.TREND)
    assert (trend.start_index, trend.end_index, trend.length) == (2, 7, 5)
    assert Rule.TREND in analysis.points[4].rules


def test_trend_tie_inside_does_not_add_a_point():
    values = [5, 3, 1, 2, 2, 3, 4, 2, 6, 2, 5, 3]
    assert signals(analyse_run_chart(series(values)), Rule.TREND) == []


def test_trend_starts_at_last_of_equal_values():
    values = [6, 1, 1, 2, 3, 4, 5, 3, 6, 2, 5, 3]
    (trend,) = signals(analyse_run_chart(series(values)), Rule.TREND)
    assert (trend.start_index, trend.end_index, trend.length) == (2, 6, 5)


def test_runs_limits_match_published_values():
    assert runs_limits(10) == (3, 9)
    assert runs_limits(30) == (11, 21)


def test_runs_limits_none_below_ten_useful_observations():
    assert runs_limits(9) is None


def test_runs_limits_twenty_are_computed_not_the_quoted_table_value():
    # Documented difference: exact Swed-Eisenhart limits, 2.5% in each tail.
    assert runs_limits(20) == (7, 15)


def test_runs_too_few_detected():
    analysis = analyse_run_chart(series([1] * 10 + [9] * 10))
    assert (analysis.runs, analysis.useful_observations) == (2, 20)
    (runs,) = signals(analysis, Rule.TOO_FEW_RUNS)
    assert runs.label is Label.NEUTRAL
    assert runs.direction is None
    assert (runs.start_index, runs.end_index) == (0, 19)


def test_runs_too_many_detected():
    analysis = analyse_run_chart(series([1, 9] * 10))
    assert analysis.runs == 20
    assert signals(analysis, Rule.TOO_MANY_RUNS)


def test_runs_normal_number_no_signal():
    analysis = analyse_run_chart(series([1, 1, 9, 9] * 5))
    assert analysis.runs == 10
    assert analysis.signals == ()


def test_runs_at_lower_limit_no_signal():
    analysis = analyse_run_chart(series([1, 1, 1, 9, 9, 9, 9, 9, 1, 1]))
    assert (analysis.runs, analysis.runs_limits) == (3, (3, 9))
    assert signals(analysis, Rule.TOO_FEW_RUNS) == []


def test_runs_at_upper_limit_no_signal():
    analysis = analyse_run_chart(series([1, 9, 1, 9, 1, 9, 1, 9, 9, 1]))
    assert (analysis.runs, analysis.runs_limits) == (9, (3, 9))
    assert signals(analysis, Rule.TOO_MANY_RUNS) == []


def test_runs_ignore_points_on_median():
    # Median 5; the 5s neither end a run nor count as useful observations.
    values = [1, 5, 1, 9, 5, 9, 1, 1, 9, 9, 5, 1, 9]
    analysis = analyse_run_chart(series(values))
    assert analysis.median == 5
    assert analysis.useful_observations == 10
    assert analysis.runs == 6


def test_runs_rule_not_applied_with_few_useful_observations():
    analysis = analyse_run_chart(series([5] * 6 + [1, 9, 1, 9, 1, 9]))
    assert analysis.useful_observations == 6
    assert analysis.runs_limits is None
    assert "the runs rule is not applied" in " ".join(run_chart_summary(analysis))


def test_points_are_ordered_by_period():
    points = series([1, 2, 3])
    analysis = analyse_run_chart([points[2], points[0], points[1]])
    assert [p.value for p in analysis.points] == [1, 2, 3]


def test_repeated_period_rejected():
    with pytest.raises(ValueError, match="share the period"):
        analyse_run_chart([Point(date(2015, 1, 1), 1), Point(date(2015, 1, 1), 2)])


def test_empty_series_rejected():
    with pytest.raises(ValueError):
        analyse_run_chart([])


def test_non_finite_value_rejected():
    with pytest.raises(ValueError, match="finite"):
        analyse_run_chart([Point(date(2015, 1, 1), float("nan"))])


def test_decimal_values_accepted():
    points = [Point(p.period, Decimal(str(p.value))) for p in series([1.5, 2.5, 3])]
    assert analyse_run_chart(points).median == 2.5


def test_annotation_carried_through():
    points = series([1, 2, 3])
    points[1] = Point(points[1].period, 2, "Astronomical: IT outage")
    assert analyse_run_chart(points).points[1].annotation == "Astronomical: IT outage"


def test_summary_shift_sentence():
    summary = run_chart_summary(analyse_run_chart(series(SHIFT_OF_SIX), LOWER))
    assert "Shift below the median from March 2015: improvement." in summary


def test_summary_trend_sentence():
    values = [5, 3, 1, 2, 3, 4, 5, 4, 6, 2, 5, 3]
    summary = run_chart_summary(analyse_run_chart(series(values), HIGHER))
    assert summary == ["Trend upwards from March 2015: improvement."]


def test_summary_too_few_points_sentence():
    summary = run_chart_summary(analyse_run_chart(series([1, 2, 3])))
    assert summary == ["Fewer than 10 points: the run chart rules are not applied yet."]


def test_summary_runs_sentence():
    summary = run_chart_summary(analyse_run_chart(series([1, 9] * 10)))
    assert summary == [
        "Too many runs: 20 runs where 7 to 15 are expected for 20 points off the "
        "median, a sign of non-random variation."
    ]


def test_summary_no_signals_sentence():
    summary = run_chart_summary(analyse_run_chart(series([1, 1, 9, 9] * 5)))
    assert summary == ["No signs of non-random variation."]
