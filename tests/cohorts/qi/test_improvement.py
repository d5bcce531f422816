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
