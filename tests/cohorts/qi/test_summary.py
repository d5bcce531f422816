"""The plain-English summaries: balancing measures, limits clipped to the unit's
bounds, and signals from before a recalculation (issue 12)."""

from cohorts.qi import (
    ImprovementDirection,
    Label,
    UnitKind,
    analyse_run_chart,
    analyse_spc,
    run_chart_summary,
    spc_summary,
)

from .series import series

HIGHER = ImprovementDirection.HIGHER_IS_BETTER
LOWER = ImprovementDirection.LOWER_IS_BETTER

BASELINE = [10, 10.5, 9.5, 10.2, 9.8, 10.4, 9.6, 10.1, 9.9, 10.3, 9.7, 10]
LOWER_LEVEL = [6, 6.4, 5.6, 6.2, 5.8, 6.3, 5.7, 6.1, 5.9, 6.35, 5.65, 6.05]


def words(summary):
    return " ".join(summary).lower()


# Balancing measures -----------------------------------------------------------


def test_balancing_measure_moving_the_better_way_shows_no_sign_of_harm():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), LOWER, role="balancing")
    summary = spc_summary(analysis)
    assert summary[0] == "Balancing measure: no sign of harm."
    assert (
        "Special cause variation (no sign of harm): 7 points in a row below the "
        "mean from January 2016." in summary
    )
    assert "Latest point: special cause variation (no sign of harm)." in summary
    assert "improvement" not in words(summary)


def test_balancing_measure_moving_the_worse_way_shows_possible_harm():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), HIGHER, role="balancing")
    summary = spc_summary(analysis)
    assert summary[0] == "Balancing measure: possible harm."
    assert (
        "Special cause variation (possible harm): 7 points in a row below the "
        "mean from January 2016." in summary
    )
    assert "improvement" not in words(summary)


def test_balancing_measure_with_common_cause_variation_shows_no_sign_of_harm():
    analysis = analyse_spc(series(BASELINE), HIGHER, role="balancing")
    assert spc_summary(analysis)[0] == "Balancing measure: no sign of harm."


def test_balancing_run_chart_reads_as_harm():
    values = BASELINE[:6] + LOWER_LEVEL[:7]
    harm = run_chart_summary(
        analyse_run_chart(series(values), HIGHER, role="balancing")
    )
    assert harm[0] == "Balancing measure: possible harm."
    assert "Shift below the median from July 2015: possible harm." in harm
    fine = run_chart_summary(analyse_run_chart(series(values), LOWER, role="balancing"))
    assert fine[0] == "Balancing measure: no sign of harm."
    assert "improvement" not in words(fine)


def test_balancing_run_chart_without_rules_makes_no_claim():
    analysis = analyse_run_chart(series([1, 2, 3]), HIGHER, role="balancing")
    assert run_chart_summary(analysis) == [
        "Fewer than 10 points: the run chart rules are not applied yet."
    ]


def test_outcome_measure_keeps_improvement_wording():
    analysis = analyse_spc(series(BASELINE + LOWER_LEVEL[:7]), LOWER, role="outcome")
    assert analysis.signals[-1].label is Label.IMPROVEMENT
    assert not words(spc_summary(analysis)).startswith("balancing")
    assert "(improvement)" in words(spc_summary(analysis))


# Limits clipped to the unit's bounds ----------------------------------------

HIGH_PERCENTAGES = [95, 99, 96, 100, 97, 99, 94, 100, 98, 99, 96, 100]
SMALL_COUNTS = [0, 3, 1, 0, 2, 5, 0, 1, 4, 0, 2, 1]


def test_percentage_upper_limit_clipped_at_100():
    analysis = analyse_spc(series(HIGH_PERCENTAGES), unit_kind=UnitKind.PERCENTAGE)
    (segment,) = analysis.segments
    unclipped = analyse_spc(series(HIGH_PERCENTAGES)).segments[0]
    assert unclipped.upper_limit > 100
    assert segment.upper_limit == 100
    assert segment.upper_limit_clipped
    assert segment.lower_limit == unclipped.lower_limit
    assert not segment.lower_limit_clipped
    assert (
        "The upper process limit would be above 100, which a percentage cannot "
        "be: it is drawn at 100." in spc_summary(analysis)
    )


def test_count_and_rate_lower_limit_clipped_at_0():
    for kind in ("count", "rate"):
        analysis = analyse_spc(series(SMALL_COUNTS), unit_kind=kind)
        (segment,) = analysis.segments
        assert (segment.lower_limit, segment.lower_two_sigma) == (0, 0)
        assert segment.lower_limit_clipped
        assert not segment.upper_limit_clipped
        assert (
            f"The lower process limit would be below 0, which a {kind} cannot be: "
            "it is drawn at 0." in spc_summary(analysis)
        )


def test_unbounded_unit_is_not_clipped():
    (segment,) = analyse_spc(series(SMALL_COUNTS)).segments
    assert segment.lower_limit < 0
    assert not segment.lower_limit_clipped
    assert "drawn at" not in words(spc_summary(analyse_spc(series(SMALL_COUNTS))))


def test_clipped_limit_of_an_earlier_segment_is_dated():
    points = series([*SMALL_COUNTS, 20, 21, 22, 20, 21, 22, 20])
    analysis = analyse_spc(points, unit_kind="count", change_date=points[12].period)
    assert (
        "The lower process limit from January 2015 to December 2015 would be "
        "below 0, which a count cannot be: it is drawn at 0." in spc_summary(analysis)
    )


# Signals from before a recalculation ----------------------------------------

# Lower is better: the measure got worse (7 points above the mean) before the
# project, then improved; the limits are recalculated from March 2016.
WORSE_THEN_BETTER = [
    *[10, 10.5, 9.5, 10.2, 9.8, 10.4, 9.6],
    *[11.5, 12, 11.8, 12.2, 11.6, 12.1, 11.9],
    *LOWER_LEVEL,
]


def test_signals_before_a_recalculation_are_history_in_one_sentence():
    points = series(WORSE_THEN_BETTER)
    analysis = analyse_spc(points, LOWER, change_date=points[14].period)
    assert [s.label for s in analysis.signals if s.end_index < 14].count(
        Label.CONCERN
    ) == 2
    summary = spc_summary(analysis)
    history = [s for s in summary if s.startswith("History")]
    assert history == [
        "History, before the limits were recalculated from March 2016: 7 points "
        "in a row below the mean from January 2015; 2 out of 3 points close to or "
        "beyond the lower process limit from March 2015; 7 points in a row above "
        "the mean from August 2015; 2 out of 3 points close to or beyond the upper "
        "process limit from November 2015."
    ]
    assert "concern" not in words(summary)
    assert not [s for s in summary if s.startswith("Special cause variation")]
    assert (
        "Common cause variation only since March 2016: no special cause signals."
        in summary
    )
