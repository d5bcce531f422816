"""Worked series for the XmR chart rules (NHS England, Making Data Count)."""

import math
from datetime import date

from cohorts.qi import (
    Assurance,
    Direction,
    ImprovementDirection,
    Label,
    Point,
    Rule,
    TwoOfThree,
    VariationState,
    analyse_spc,
    spc_summary,
)

from .series import series

HIGHER = ImprovementDirection.HIGHER_IS_BETTER
LOWER = ImprovementDirection.LOWER_IS_BETTER
NEITHER = ImprovementDirection.NEITHER
OUTER_THIRD = TwoOfThree.OUTER_THIRD


def rules(analysis):
    return [signal.rule for signal in analysis.signals]


def signals(analysis, rule):
    return [signal for signal in analysis.signals if signal.rule is rule]


# Mean 10 with points 7..13 above the mean from July 2015.
SEVEN_ABOVE = [12, 8, 12, 8, 12, 8] + [11] * 7 + [5, 5]
SIX_ABOVE = [12, 8, 12, 8, 12, 8] + [11] * 6 + [5, 5]
SEVEN_RISING = [10, 8, 9, 10, 11, 12, 13, 14, 9, 11, 10, 12]
SIX_RISING = [10, 8, 9, 10, 11, 12, 13, 9, 11, 10, 12, 10]
TWO_OF_THREE = [10, 11] * 8 + [13.5, 11, 13.5] + [10, 11]
ONE_OF_THREE = [10, 11] * 8 + [13.5, 11, 12] + [10, 11]


def test_mean_limits_and_two_sigma_worked_example():
    analysis = analyse_spc(series([10, 14] * 6))
    (segment,) = analysis.segments
    assert segment.mean == 12
    assert segment.mean_moving_range == 4
    assert math.isclose(segment.upper_limit, 12 + 2.66 * 4)
    assert math.isclose(segment.lower_limit, 12 - 2.66 * 4)
    assert math.isclose(segment.upper_two_sigma, 12 + 2 / 3 * 2.66 * 4)
    assert math.isclose(segment.lower_two_sigma, 12 - 2 / 3 * 2.66 * 4)
    assert analysis.moving_ranges == (None,) + (4.0,) * 11


def test_point_outside_upper_limit_detected():
    values = [9, 11] * 5 + [9, 17.5]
    analysis = analyse_spc(series(values), HIGHER)
    (segment,) = analysis.segments
    assert math.isclose(segment.mean, (109 + 17.5) / 12)
    assert math.isclose(segment.upper_limit, segment.mean + 2.66 * (11 + 17.5) / 11)
    assert segment.upper_limit < 17.5
    assert rules(analysis) == [Rule.OUTSIDE_LIMITS]
    assert analysis.signals[0].direction is Direction.ABOVE
    assert analysis.points[11].label is Label.IMPROVEMENT


def test_point_just_inside_upper_limit_not_detected():
    analysis = analyse_spc(series([9, 11] * 5 + [9, 17.3]), HIGHER)
    assert analysis.segments[0].upper_limit > 17.3
    assert analysis.signals == ()


def test_point_below_lower_limit_with_lower_is_better_is_improvement():
    analysis = analyse_spc(series([11, 9] * 5 + [11, 2.5]), LOWER)
    (signal,) = analysis.signals
    assert (signal.rule, signal.direction) == (Rule.OUTSIDE_LIMITS, Direction.BELOW)
    assert signal.label is Label.IMPROVEMENT


def test_seven_above_mean_detected():
    analysis = analyse_spc(series(SEVEN_ABOVE), HIGHER)
    (shift,) = signals(analysis, Rule.SHIFT)
    assert (shift.start_index, shift.end_index, shift.length) == (6, 12, 7)
    assert shift.direction is Direction.ABOVE
    assert shift.label is Label.IMPROVEMENT
    assert rules(analysis) == [Rule.SHIFT]


def test_six_above_mean_not_detected():
    assert analyse_spc(series(SIX_ABOVE), HIGHER).signals == ()


def test_seven_above_mean_with_lower_is_better_is_concern():
    (shift,) = signals(analyse_spc(series(SEVEN_ABOVE), LOWER), Rule.SHIFT)
    assert shift.label is Label.CONCERN


def test_point_on_mean_breaks_shift():
    values = [12, 8, 12, 8, 12, 8, 11, 11, 11, 10, 11, 11, 11, 7, 7]
    analysis = analyse_spc(series(values))
    assert analysis.segments[0].mean == 10
    assert analysis.signals == ()


def test_seven_rising_detected():
    analysis = analyse_spc(series(SEVEN_RISING), HIGHER)
    assert rules(analysis) == [Rule.TREND]
    (trend,) = analysis.signals
    assert (trend.start_index, trend.end_index, trend.length) == (1, 7, 7)
    assert trend.direction is Direction.UP
    assert trend.label is Label.IMPROVEMENT


def test_six_rising_not_detected():
    assert analyse_spc(series(SIX_RISING), HIGHER).signals == ()


def test_tie_breaks_trend():
    values = [10, 8, 9, 10, 10, 11, 12, 13, 14, 9, 11, 10]
    assert analyse_spc(series(values)).signals == ()


def test_seven_falling_with_lower_is_better_is_improvement():
    values = [10, 12, 11, 10, 9, 8, 7, 6, 11, 9, 10, 8]
    (trend,) = signals(analyse_spc(series(values), LOWER), Rule.TREND)
    assert trend.direction is Direction.DOWN
    assert trend.label is Label.IMPROVEMENT


def test_two_of_three_near_upper_limit_detected():
    analysis = analyse_spc(series(TWO_OF_THREE), HIGHER)
    segment = analysis.segments[0]
    assert segment.upper_two_sigma < 13.5 < segment.upper_limit
    (signal,) = analysis.signals
    assert (signal.rule, signal.start_index, signal.end_index) == (
        Rule.TWO_OF_THREE,
        16,
        18,
    )
    assert signal.length == 2
    assert signal.label is Label.IMPROVEMENT
    assert [p.index for p in analysis.points if p.rules] == [16, 18]


def test_one_of_three_near_upper_limit_not_detected():
    analysis = analyse_spc(series(ONE_OF_THREE), HIGHER)
    assert analysis.segments[0].upper_two_sigma > 12
    assert analysis.signals == ()


# Making Data Count since November 2023: a point beyond the process limit counts
# towards "2 out of 3" (here the 21st point, beside one in the outer third).
NEAR_THEN_OUTSIDE = [10, 12] * 10 + [16.5, 19.5, 12.5] + [10, 12]


def test_two_of_three_counts_a_point_outside_the_limits():
    analysis = analyse_spc(series(NEAR_THEN_OUTSIDE), HIGHER)
    segment = analysis.segments[0]
    assert segment.upper_two_sigma < 16.5 < segment.upper_limit < 19.5
    assert segment.mean < 12.5 < segment.upper_two_sigma
    assert analysis.two_of_three is TwoOfThree.BEYOND_TWO_SIGMA
    (signal,) = signals(analysis, Rule.TWO_OF_THREE)
    assert (signal.start_index, signal.end_index, signal.length) == (20, 21, 2)
    assert signal.label is Label.IMPROVEMENT
    assert analysis.points[20].rules == (Rule.TWO_OF_THREE,)
    assert analysis.points[21].rules == (Rule.OUTSIDE_LIMITS, Rule.TWO_OF_THREE)


def test_two_of_three_outer_third_option_leaves_out_points_outside_the_limits():
    analysis = analyse_spc(
        series(NEAR_THEN_OUTSIDE), HIGHER, two_of_three="outer_third"
    )
    assert analysis.two_of_three is OUTER_THIRD
    assert rules(analysis) == [Rule.OUTSIDE_LIMITS]
    assert analysis.points[20].rules == ()


def test_two_of_three_needs_all_three_on_the_same_side():
    values = [10, 11] * 8 + [13.5, 10, 13.5] + [10, 11]
    analysis = analyse_spc(series(values))
    assert analysis.points[17].value < analysis.segments[0].mean
    assert analysis.signals == ()


def test_two_of_three_near_lower_limit_with_higher_is_better_is_concern():
    values = [11, 10] * 8 + [7.5, 10, 7.5] + [11, 10]
    (signal,) = analyse_spc(series(values), HIGHER).signals
    assert (signal.rule, signal.direction) == (Rule.TWO_OF_THREE, Direction.BELOW)
    assert signal.label is Label.CONCERN


def test_fewer_than_twelve_points_trial_limits():
    analysis = analyse_spc(series([10, 14] * 5 + [10]))
    assert analysis.trial_limits
    assert analysis.segments[0].trial_limits


def test_twelve_points_firm_limits():
    assert not analyse_spc(series([10, 14] * 6)).trial_limits


# Issue 12: limits recalculated from the 7th point; only the first 6 points
# have trial limits, the current limits rest on 14 points.
SHORT_FIRST_SEGMENT = [5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4]


def test_trial_limits_are_said_per_segment():
    points = series(SHORT_FIRST_SEGMENT)
    analysis = analyse_spc(points, change_date=points[6].period)
    before, current = analysis.segments
    assert before.trial_limits
    assert not current.trial_limits
    assert not analysis.trial_limits
    summary = spc_summary(analysis)
    assert "Fewer than 12 points: the process limits are trial limits." not in summary
    assert (
        "The limits from January 2015 to June 2015 rest on 6 points (fewer than "
        "12): they are trial limits." in summary
    )


def test_current_short_segment_has_trial_limits():
    points = series(SHORT_FIRST_SEGMENT[::-1])
    analysis = analyse_spc(points, change_date=points[14].period)
    assert analysis.trial_limits
    assert (
        "The limits from March 2016 rest on 6 points (fewer than 12): they are "
        "trial limits." in spc_summary(analysis)
    )


def test_zero_moving_range_limits_collapse_and_no_signals():
    analysis = analyse_spc(series([0.1] * 12), HIGHER)
    (segment,) = analysis.segments
    assert segment.mean == 0.1
    assert segment.mean_moving_range == 0
    assert segment.lower_limit == segment.upper_limit == segment.mean
    assert segment.lower_two_sigma == segment.upper_two_sigma == segment.mean
    assert analysis.signals == ()
    assert analysis.variation is VariationState.COMMON_CAUSE


def test_zero_moving_range_then_a_different_point_is_outside():
    analysis = analyse_spc(series([10] * 12 + [11]), HIGHER)
    assert analysis.points[12].rules == (Rule.OUTSIDE_LIMITS,)


def test_single_point_has_no_limits():
    analysis = analyse_spc(series([7]), HIGHER, target=5)
    (segment,) = analysis.segments
    assert segment.mean == 7
    assert segment.mean_moving_range is None
    assert (segment.lower_limit, segment.upper_limit) == (None, None)
    assert (segment.lower_two_sigma, segment.upper_two_sigma) == (None, None)
    assert not segment.trial_limits
    assert analysis.assurance is None
    assert analysis.moving_ranges == (None,)


# Issue 12: 14 monthly points from January 2019, limits recalculated from the
# last one (February 2020), higher is better, target 14.
ONE_POINT_SEGMENT = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 10, 11, 15]


def one_point_segment_analysis():
    return analyse_spc(
        series(ONE_POINT_SEGMENT, date(2019, 1, 1)),
        HIGHER,
        target=14,
        change_date=date(2020, 2, 1),
    )


def test_one_point_segment_has_no_limits_and_no_assurance():
    analysis = one_point_segment_analysis()
    before, last = analysis.segments
    assert before.upper_limit is not None
    assert (last.start_index, last.end_index, last.mean) == (13, 13, 15)
    assert last.mean_moving_range is None
    assert (last.lower_limit, last.upper_limit) == (None, None)
    assert (last.lower_two_sigma, last.upper_two_sigma) == (None, None)
    assert analysis.assurance is None
    assert analysis.points[13].rules == ()


def test_one_point_before_the_change_date_has_no_limits():
    points = series([5, 6, 7, 6, 5, 6, 7])
    analysis = analyse_spc(points, HIGHER, change_date=points[1].period, target=3)
    assert not analysis.segments[0].has_limits
    assert analysis.assurance is Assurance.CONSISTENTLY_PASS
    assert spc_summary(analysis)[0] == (
        "Before February 2015 there is only 1 point: with no moving range it has "
        "no process limits."
    )


def test_one_point_segment_summary_says_why_there_are_no_limits():
    summary = spc_summary(one_point_segment_analysis())
    assert (
        "From February 2020 there is only 1 point: with no moving range it has "
        "no process limits and no assurance yet." in summary
    )
    assert not [s for s in summary if "trial limits" in s or "Assurance" in s]


def test_recalculation_from_change_date_gives_two_segments():
    values = [9, 11] * 6 + [19, 21] * 6
    change = date(2016, 1, 1)
    analysis = analyse_spc(series(values), HIGHER, change_date=change)
    before, after = analysis.segments
    assert (before.start_index, before.end_index, before.mean) == (0, 11, 10)
    assert (after.start_index, after.end_index, after.mean) == (12, 23, 20)
    assert after.start_period == change
    assert before.mean_moving_range == after.mean_moving_range == 2
    assert analysis.moving_ranges[12] is None
    assert analysis.signals == ()
    assert analysis.change_date == change


def test_without_change_date_the_same_series_shows_shifts():
    analysis = analyse_spc(series([9, 11] * 6 + [19, 21] * 6), HIGHER)
    assert len(analysis.segments) == 1
    assert Rule.SHIFT in rules(analysis)


def test_rules_do_not_run_across_the_change_date():
    # Four points above the first mean, then three above the second.
    values = [8, 12] * 4 + [11, 11, 11, 11] + [21, 21, 21] + [19, 21] * 5
    change = date(2016, 1, 1)
    analysis = analyse_spc(series(values), change_date=change)
    assert analysis.segments[0].mean < 11
    assert analysis.segments[1].mean < 21
    assert signals(analysis, Rule.SHIFT) == []


def test_change_date_before_all_points_gives_one_segment():
    analysis = analyse_spc(series([1, 2, 3]), change_date=date(2000, 1, 1))
    assert len(analysis.segments) == 1


def test_moving_range_taken_between_consecutive_recorded_points():
    points = [
        Point(date(2015, 1, 1), 10),
        Point(date(2015, 3, 1), 14),  # February is missing
        Point(date(2015, 4, 1), 13),
    ]
    assert analyse_spc(points).moving_ranges == (None, 4, 1)


def test_variation_special_cause_improvement_for_latest_point():
    analysis = analyse_spc(series([9, 11] * 5 + [9, 17.5]), HIGHER)
    assert analysis.variation is VariationState.SPECIAL_CAUSE_IMPROVEMENT
    assert analysis.variation_direction is Direction.ABOVE


def test_variation_special_cause_concern_for_latest_point():
    analysis = analyse_spc(series([9, 11] * 5 + [9, 17.5]), LOWER)
    assert analysis.variation is VariationState.SPECIAL_CAUSE_CONCERN


def test_variation_special_cause_neutral_without_direction():
    analysis = analyse_spc(series([9, 11] * 5 + [9, 17.5]), NEITHER)
    assert analysis.variation is VariationState.SPECIAL_CAUSE_NEUTRAL
    assert analysis.signals[0].label is Label.NEUTRAL


def test_variation_common_cause_when_latest_point_not_flagged():
    analysis = analyse_spc(series(SEVEN_ABOVE), HIGHER)
    assert analysis.signals
    assert analysis.variation is VariationState.COMMON_CAUSE
    assert analysis.variation_direction is None


def test_point_with_several_rules_takes_first_rules_label():
    # 1..7 rise (improvement) while staying below the mean (concern).
    values = [1, 2, 3, 4, 5, 6, 7] + [20, 18] * 3 + [20]
    point = analyse_spc(series(values), HIGHER).points[6]
    assert point.rules == (Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)
    assert point.label is Label.IMPROVEMENT


# Issue 12: the last point ends a 7-point rise (improvement) and is the 7th in a
# row below the mean (concern). NHSRplotthedots' order puts the trend first.
RISE_BELOW_THE_MEAN = [
    20,
    21,
    20,
    21,
    20,
    21,
    20,
    21,
    20,
    21,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
]


def test_trend_wins_over_shift_on_the_same_point():
    analysis = analyse_spc(series(RISE_BELOW_THE_MEAN), HIGHER)
    last = analysis.points[-1]
    assert last.rules == (Rule.TREND, Rule.SHIFT)
    assert last.label is Label.IMPROVEMENT
    assert analysis.variation is VariationState.SPECIAL_CAUSE_IMPROVEMENT
    assert analysis.variation_direction is Direction.UP
    assert "Latest point: special cause variation (improvement)." in spc_summary(
        analysis
    )


def test_outside_limits_wins_over_every_other_rule():
    analysis = analyse_spc(series(RISE_BELOW_THE_MEAN), HIGHER)
    point = analysis.points[10]
    assert point.rules[0] is Rule.OUTSIDE_LIMITS
    assert point.label is Label.CONCERN


def assurance(values, target, improvement):
    return analyse_spc(series(values), improvement, target=target).assurance


BASE = [10, 14] * 6  # limits 1.36 to 22.64


def test_assurance_consistently_pass_higher_is_better():
    assert assurance(BASE, 1, HIGHER) is Assurance.CONSISTENTLY_PASS


def test_assurance_consistently_fail_higher_is_better():
    assert assurance(BASE, 23, HIGHER) is Assurance.CONSISTENTLY_FAIL


def test_assurance_consistently_pass_lower_is_better():
    assert assurance(BASE, 23, LOWER) is Assurance.CONSISTENTLY_PASS


def test_assurance_consistently_fail_lower_is_better():
    assert assurance(BASE, 1, LOWER) is Assurance.CONSISTENTLY_FAIL


def test_assurance_hit_and_miss_target_within_limits():
    assert assurance(BASE, 12, HIGHER) is Assurance.HIT_AND_MISS
    assert assurance(BASE, 12, LOWER) is Assurance.HIT_AND_MISS


def test_assurance_hit_and_miss_target_on_a_limit():
    upper = analyse_spc(series(BASE)).segments[0].upper_limit
    assert assurance(BASE, upper, HIGHER) is Assurance.HIT_AND_MISS


def test_assurance_none_without_target_or_direction():
    assert assurance(BASE, None, HIGHER) is None
    assert assurance(BASE, 1, NEITHER) is None


def test_assurance_uses_latest_segment():
    values = [9, 11] * 6 + [29, 31] * 6
    analysis = analyse_spc(
        series(values), HIGHER, target=20, change_date=date(2016, 1, 1)
    )
    assert analysis.assurance is Assurance.CONSISTENTLY_PASS


def test_summary_shift_sentence():
    summary = spc_summary(analyse_spc(series(SEVEN_ABOVE, date(2015, 11, 1)), HIGHER))
    assert (
        "Special cause variation (improvement): 7 points in a row above the mean "
        "from May 2016." in summary
    )


def test_summary_outside_limits_trend_and_two_of_three_sentences():
    outside = spc_summary(analyse_spc(series([9, 11] * 5 + [9, 17.5]), HIGHER))
    assert (
        "Special cause variation (improvement): a point above the upper process "
        "limit in December 2015." in outside
    )
    assert "Latest point: special cause variation (improvement)." in outside
    trend = spc_summary(analyse_spc(series(SEVEN_RISING), LOWER))
    assert (
        "Special cause variation (concern): 7 points in a row rising from "
        "February 2015." in trend
    )
    near = spc_summary(analyse_spc(series(TWO_OF_THREE)))
    assert (
        "Special cause variation (neutral): 2 out of 3 points close to or beyond "
        "the upper process limit from May 2016." in near
    )
    near = spc_summary(analyse_spc(series(TWO_OF_THREE), two_of_three=OUTER_THIRD))
    assert (
        "Special cause variation (neutral): 2 out of 3 points close to the upper "
        "process limit from May 2016." in near
    )


def test_summary_trial_recalculation_and_assurance_sentences():
    values = [9, 11] * 6 + [29, 31] * 3
    analysis = analyse_spc(
        series(values), HIGHER, target=20, change_date=date(2016, 1, 1)
    )
    assert spc_summary(analysis) == [
        "The limits from January 2016 rest on 6 points (fewer than 12): they are "
        "trial limits.",
        "Mean and limits recalculated from January 2016.",
        "Common cause variation only: no special cause signals.",
        "Latest point: common cause variation.",
        "Assurance: the process will consistently pass the target of 20.",
    ]


def test_summary_assurance_fail_and_hit_and_miss_sentences():
    fail = spc_summary(analyse_spc(series(BASE), HIGHER, target=23))
    assert fail[-1] == (
        "Assurance: the process will consistently fail the target of 23 unless "
        "something changes."
    )
    hit = spc_summary(analyse_spc(series(BASE), HIGHER, target=12.5))
    assert hit[-1].startswith("Assurance: hit and miss. The target of 12.5 is")


def test_improvement_direction_accepted_as_string():
    analysis = analyse_spc(series(SEVEN_ABOVE), "lower_is_better")
    assert analysis.improvement is LOWER
    assert analysis.signals[0].label is Label.CONCERN
