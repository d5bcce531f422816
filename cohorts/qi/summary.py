"""Plain-English summary sentences for run chart and SPC analyses.

The wording follows the sources cited in ``run_chart`` (Perla, Provost &
Murray 2011) and ``spc`` (NHS England, Making Data Count): run charts show
"non-random variation", SPC charts "special cause variation". Month names
are fixed English names, so the text does not depend on the server locale.
"""

from __future__ import annotations

from datetime import date

from cohorts.qi.run_chart import (
    MIN_POINTS_FOR_RULES,
    MIN_USEFUL_OBSERVATIONS_FOR_RUNS,
    Direction,
    Rule,
    RunChartAnalysis,
    Signal,
)
from cohorts.qi.spc import (
    MIN_POINTS_FOR_FIRM_LIMITS,
    Assurance,
    SpcAnalysis,
    VariationState,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

VARIATION_TEXT = {
    VariationState.COMMON_CAUSE: "common cause variation",
    VariationState.SPECIAL_CAUSE_IMPROVEMENT: "special cause variation (improvement)",
    VariationState.SPECIAL_CAUSE_CONCERN: "special cause variation (concern)",
    VariationState.SPECIAL_CAUSE_NEUTRAL: "special cause variation (neutral)",
}
ASSURANCE_TEXT = {
    Assurance.CONSISTENTLY_PASS: "consistently pass the target",
    Assurance.CONSISTENTLY_FAIL: "consistently fail the target",
    Assurance.HIT_AND_MISS: "hit and miss",
}


def format_month(period: date) -> str:
    """``date(2015, 3, 1)`` -> ``"March 2015"``."""
    return f"{MONTHS[period.month - 1]} {period.year}"


def format_value(value: float) -> str:
    """Up to two decimal places, thousands separated: ``1234.5`` -> ``"1,234.5"``."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def run_chart_summary(analysis: RunChartAnalysis) -> list[str]:
    """One sentence per finding, e.g. "Shift below the median from March 2015:
    improvement."
    """
    if analysis.too_few_points:
        return [
            f"Fewer than {MIN_POINTS_FOR_RULES} points: "
            "the run chart rules are not applied yet."
        ]
    sentences = [_run_chart_sentence(signal, analysis) for signal in analysis.signals]
    if analysis.runs_limits is None:
        sentences.append(
            f"Fewer than {MIN_USEFUL_OBSERVATIONS_FOR_RUNS} points off the median: "
            "the runs rule is not applied."
        )
    if not analysis.signals:
        sentences.insert(0, "No signs of non-random variation.")
    return sentences


def _run_chart_sentence(signal: Signal, analysis: RunChartAnalysis) -> str:
    start = format_month(signal.start_period)
    if signal.rule is Rule.SHIFT:
        return f"Shift {signal.direction} the median from {start}: {signal.label}."
    if signal.rule is Rule.TREND:
        way = "upwards" if signal.direction is Direction.UP else "downwards"
        return f"Trend {way} from {start}: {signal.label}."
    lower, upper = analysis.runs_limits or (0, 0)
    few = "few" if signal.rule is Rule.TOO_FEW_RUNS else "many"
    return (
        f"Too {few} runs: {analysis.runs} runs where {lower} to {upper} are "
        f"expected for {analysis.useful_observations} points off the median, "
        "a sign of non-random variation."
    )


def spc_summary(analysis: SpcAnalysis) -> list[str]:
    """One sentence per finding, e.g. "Special cause variation (improvement):
    7 points in a row above the mean from May 2016."
    """
    sentences = []
    if analysis.trial_limits:
        sentences.append(
            f"Fewer than {MIN_POINTS_FOR_FIRM_LIMITS} points: "
            "the process limits are trial limits."
        )
    if len(analysis.segments) > 1:
        start = format_month(analysis.segments[-1].start_period)
        sentences.append(f"Mean and limits recalculated from {start}.")
    sentences += [
        f"Special cause variation ({signal.label}): {_spc_finding(signal)}."
        for signal in analysis.signals
    ]
    if not analysis.signals:
        sentences.append("Common cause variation only: no special cause signals.")
    sentences.append(f"Latest point: {VARIATION_TEXT[analysis.variation]}.")
    if analysis.assurance is not None and analysis.target is not None:
        sentences.append(_assurance_sentence(analysis.assurance, analysis.target))
    return sentences


def _spc_finding(signal: Signal) -> str:
    start = format_month(signal.start_period)
    upper = signal.direction is Direction.ABOVE
    if signal.rule is Rule.OUTSIDE_LIMITS:
        limit = "above the upper" if upper else "below the lower"
        return f"a point {limit} process limit in {start}"
    if signal.rule is Rule.SHIFT:
        return (
            f"{signal.length} points in a row {signal.direction} the mean from {start}"
        )
    if signal.rule is Rule.TREND:
        way = "rising" if signal.direction is Direction.UP else "falling"
        return f"{signal.length} points in a row {way} from {start}"
    limit = "upper" if upper else "lower"
    return f"2 out of 3 points close to the {limit} process limit from {start}"


def _assurance_sentence(assurance: Assurance, target: float) -> str:
    value = format_value(target)
    if assurance is Assurance.CONSISTENTLY_PASS:
        return f"Assurance: the process will consistently pass the target of {value}."
    if assurance is Assurance.CONSISTENTLY_FAIL:
        return (
            f"Assurance: the process will consistently fail the target of {value} "
            "unless something changes."
        )
    return (
        f"Assurance: hit and miss. The target of {value} is within the process "
        "limits, so it will sometimes be met and sometimes missed."
    )
