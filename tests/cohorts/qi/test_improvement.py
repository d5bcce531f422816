"""Worked series for the "sustained improvement signal" that outcomes count
(cohorts/qi/improvement.py)."""

from datetime import date

from cohorts.qi import (
    ImprovementDirection,
    analyse_run_chart,
    analyse_spc,
    sustained_improvement,
)

from .series import series

HIGHER = ImprovementDirection.HIGHER_IS_BETTER
LOWER = ImprovementDirection.LOWER_IS_BETTER
NEITHER = ImprovementDirection.NEITHER

# Months from January 2015; noise that never repeats a value or runs 7 one way.
BASELINE = [10, 10.5, 9.5, 10.2, 9.8, 10.4, 9.6, 10.1, 9.9, 10.3, 9.7, 10]
LOWER_LEVEL = [6, 6.4, 5.6, 6.2, 5.8, 6.3, 5.7, 6.1, 5.9, 6.35, 5.65, 6.05]
CHANGE = date(2016, 1, 1)  # the 13th month: where LOWER_LEVEL starts


def test_xmr_shift_on_the_better_side_is_a_sustained_improvement():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), LOWER)
    assert sustained_improvement(analysis)


def test_xmr_shift_of_six_is_not_enough():
    analysis = analyse_spc(series(BASELINE + BASELINE[:2] + LOWER_LEVEL[:6]), LOWER)
    assert not sustained_improvement(analysis)


def test_xmr_deterioration_is_not_an_improvement():
    """Higher is better: the baseline is a shift on the better side, but the
    latest shift is to the worse side."""
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), HIGHER)
    labels = [s.label for s in analysis.signals if s.rule == "shift"]
    assert labels == ["improvement", "concern"]
    assert not sustained_improvement(analysis)


def test_without_a_direction_nothing_is_an_improvement():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), NEITHER)
    assert not sustained_improvement(analysis)


def test_recalculated_limits_keep_the_improvement_they_record():
    """Each segment is stable on its own; the new process is below the old
    mean for 12 points in a row."""
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL), LOWER, change_date=CHANGE)
    assert len(analysis.segments) == 2
    assert not [s for s in analysis.signals if s.rule == "shift"]
    assert sustained_improvement(analysis)


def test_recalculated_limits_after_a_deterioration_are_not_an_improvement():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL), HIGHER, change_date=CHANGE)
    assert not sustained_improvement(analysis)


def test_recalculated_limits_need_seven_points_past_the_old_mean():
    values = BASELINE + LOWER_LEVEL[:6] + [10.8]
    analysis = analyse_spc(series(values), LOWER, change_date=CHANGE)
    assert not sustained_improvement(analysis)


def test_improvement_shift_before_the_change_date_does_not_count_alone():
    """The earlier segment improved, but the current process (from the change
    date) is back above the earlier mean: not sustained."""
    earlier = BASELINE[:5] + LOWER_LEVEL[:8]  # 13 points: shift of 8 below
    values = [*earlier, 10.6, 10.9, 10.4, 10.8, 10.5, 10.7, 10.3]
    analysis = analyse_spc(series(values), LOWER, change_date=date(2016, 2, 1))
    assert any(s.rule == "shift" and s.label == "improvement" for s in analysis.signals)
    assert not sustained_improvement(analysis)


def test_run_chart_shift_on_the_better_side_is_a_sustained_improvement():
    analysis = analyse_run_chart(series(BASELINE[:6] + LOWER_LEVEL[:7]), LOWER)
    assert sustained_improvement(analysis)


def test_run_chart_shift_of_five_is_not_enough():
    analysis = analyse_run_chart(series(BASELINE[:6] + LOWER_LEVEL[:5]), LOWER)
    assert not sustained_improvement(analysis)


def test_run_chart_under_ten_points_applies_no_rules():
    analysis = analyse_run_chart(series([9, 9, 9, 1, 2, 1.5, 1.2, 1.8, 1.1]), LOWER)
    assert analysis.too_few_points
    assert not sustained_improvement(analysis)


# Issue 12: what a QI practitioner would count ---------------------------------

NINE_AT_BASELINE = [10.2, 9.8, 10.3, 9.7, 10.1, 9.9, 10.4, 9.6, 10.0]
OUTLIER = 12  # the index of the astronomical point in the series below
# Lower is better. One outlier (54) pulls the mean up to 12, so the 9 ordinary
# points after it sit "below the mean" (an improvement shift), and the last 7
# points sit on the mean, which is exactly 12.
ISSUE_EXAMPLE = [*BASELINE, 54, *NINE_AT_BASELINE, *[12] * 7]
NINE_START = date(2016, 2, 1)  # the 14th month: where the 9 points start


def test_the_issue_example_is_not_a_sustained_improvement():
    analysis = analyse_spc(series(ISSUE_EXAMPLE), LOWER, role="outcome")
    assert analysis.segments[0].mean == 12
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert (shifts[-1].label, shifts[-1].length) == ("improvement", 9)
    assert shifts[-1].start_period == NINE_START
    assert not sustained_improvement(
        analysis, astronomical=[OUTLIER], first_change=date(2016, 6, 1)
    )


def test_a_shift_the_data_has_since_left_is_history():
    assert not sustained_improvement(analyse_spc(series(ISSUE_EXAMPLE), LOWER))
    # A real step down, then the process drifts back around the mean.
    values = BASELINE + LOWER_LEVEL[:9] + [8.0, 8.6, 8.1, 8.5, 7.9, 8.7, 8.2]
    analysis = analyse_spc(series(values), LOWER)
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert shifts[-1].label == "improvement"
    assert shifts[-1].end_index < len(values) - 1
    assert not sustained_improvement(analysis)


def test_an_improvement_made_by_an_astronomical_point_does_not_count():
    values = ISSUE_EXAMPLE[:-7]  # the 9 points below the mean run to the end
    analysis = analyse_spc(series(values), LOWER)
    assert analysis.points[OUTLIER].rules == ("outside_limits",)
    assert sustained_improvement(analysis)
    assert not sustained_improvement(analysis, astronomical=[OUTLIER])


def test_an_astronomical_point_does_not_hide_a_real_improvement():
    values = BASELINE + LOWER_LEVEL[:4] + [30] + LOWER_LEVEL[4:9]
    analysis = analyse_spc(series(values), LOWER)
    assert sustained_improvement(analysis, astronomical=[16])


def test_an_improvement_that_started_before_the_first_pdsa_cycle_does_not_count():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), LOWER)
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert shifts[-1].start_period == CHANGE
    assert not sustained_improvement(analysis, first_change=date(2016, 3, 1))
    assert sustained_improvement(analysis, first_change=CHANGE)
    assert sustained_improvement(analysis, first_change=date(2015, 11, 1))


def test_a_balancing_measure_is_never_a_sustained_improvement():
    values = series(BASELINE + LOWER_LEVEL[:7])
    for role in ("outcome", "process"):
        assert sustained_improvement(analyse_spc(values, LOWER, role=role))
    assert not sustained_improvement(analyse_spc(values, LOWER, role="balancing"))
    run = series(BASELINE[:6] + LOWER_LEVEL[:7])
    assert sustained_improvement(analyse_run_chart(run, LOWER, role="process"))
    assert not sustained_improvement(analyse_run_chart(run, LOWER, role="balancing"))


def test_recalculated_limits_need_the_run_past_the_old_mean_to_reach_now():
    values = BASELINE + LOWER_LEVEL[:8] + [10.6, 10.9]
    analysis = analyse_spc(series(values), LOWER, change_date=CHANGE)
    assert not sustained_improvement(analysis)
    assert sustained_improvement(
        analyse_spc(series(values[:-2]), LOWER, change_date=CHANGE)
    )


def test_run_chart_shift_the_data_has_since_left_is_history():
    values = BASELINE[:6] + LOWER_LEVEL[:7] + [9.9, 10.2]
    analysis = analyse_run_chart(series(values), LOWER)
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert shifts[-1].label == "improvement"
    assert not sustained_improvement(analysis)


def test_run_chart_points_on_the_median_after_the_shift_do_not_end_it():
    values = BASELINE[:6] + LOWER_LEVEL[:7]
    median = analyse_run_chart(series(values)).median
    analysis = analyse_run_chart(series([*values, median]), LOWER)
    assert analysis.median == median
    assert sustained_improvement(analysis)
