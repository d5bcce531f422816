"""Plain-English summary sentences for run chart and SPC analyses.

The wording follows the sources cited in ``run_chart`` (Perla, Provost &
Murray 2011) and ``spc`` (NHS England, Making Data Count): run charts show
"non-random variation", SPC charts "special cause variation". Month names
are fixed English names, so the text does not depend on the server locale.

Balancing measures
    Their signals read "no sign of harm" (the better direction) or "possible
    harm", never "improvement" or "concern", and the summary opens with
    "Balancing measure: possible harm." when the latest current signal with
    a direction is a concern, otherwise "Balancing measure: no sign of harm."

XmR charts
    Each segment says for itself when its limits are trial limits, when it has
    no limits (one point) and when a limit was clipped to the unit's bounds.
    With limits recalculated from a change date, the signals before it are
    history: one sentence lists them without labels, and only the current
    segment's signals get a sentence each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cohorts.qi.measure import MeasureRole, UnitKind
from cohorts.qi.run_chart import (
    MIN_POINTS_FOR_RULES,
    MIN_USEFUL_OBSERVATIONS_FOR_RUNS,
    Direction,
    ImprovementDirection,
    Label,
    Rule,
    RunChartAnalysis,
    Signal,
)
from cohorts.qi.spc import (
    MIN_POINTS_FOR_FIRM_LIMITS,
    Assurance,
    Segment,
    SpcAnalysis,
    TwoOfThree,
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

ASSURANCE_TEXT = {
    Assurance.CONSISTENTLY_PASS: "consistently pass the target",
    Assurance.CONSISTENTLY_FAIL: "consistently fail the target",
    Assurance.HIT_AND_MISS: "hit and miss",
}
# A balancing measure watches for harm: its signals are read as harm or not.
BALANCING_LABEL_TEXT = {
    Label.IMPROVEMENT: "no sign of harm",
    Label.CONCERN: "possible harm",
    Label.NEUTRAL: "neutral",
}
VARIATION_LABEL = {
    VariationState.SPECIAL_CAUSE_IMPROVEMENT: Label.IMPROVEMENT,
    VariationState.SPECIAL_CAUSE_CONCERN: Label.CONCERN,
    VariationState.SPECIAL_CAUSE_NEUTRAL: Label.NEUTRAL,
}
UNIT_NAMES = {
    UnitKind.PERCENTAGE: "a percentage",
    UnitKind.COUNT: "a count",
    UnitKind.RATE: "a rate",
}


def label_text(label: Label, role: MeasureRole = MeasureRole.OUTCOME) -> str:
    """How a signal's label reads: "improvement", or for a balancing measure
    "no sign of harm"; "concern", or "possible harm"."""
    if role is MeasureRole.BALANCING:
        return BALANCING_LABEL_TEXT[label]
    return label.value


def variation_text(
    state: VariationState, role: MeasureRole = MeasureRole.OUTCOME
) -> str:
    """E.g. "special cause variation (improvement)", or for a balancing
    measure "special cause variation (no sign of harm)"."""
    if state is VariationState.COMMON_CAUSE:
        return "common cause variation"
    return f"special cause variation ({label_text(VARIATION_LABEL[state], role)})"


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
    return _harm_headline(analysis, analysis.signals) + sentences


def _harm_headline(
    analysis: RunChartAnalysis | SpcAnalysis, current: Sequence[Signal]
) -> list[str]:
    """For a balancing measure: "possible harm" when the latest of the current
    signals with a direction (the one ending last) is a concern, otherwise "no
    sign of harm". A step change shows a shift on each side of the centre
    line; the latest one says where the process is now."""
    if (
        analysis.role is not MeasureRole.BALANCING
        or analysis.improvement is ImprovementDirection.NEITHER
    ):
        return []
    directed = [signal for signal in current if signal.direction is not None]
    last = max((signal.end_index for signal in directed), default=None)
    harm = any(
        signal.label is Label.CONCERN and signal.end_index == last
        for signal in directed
    )
    return [f"Balancing measure: {'possible harm' if harm else 'no sign of harm'}."]


def _run_chart_sentence(signal: Signal, analysis: RunChartAnalysis) -> str:
    start = format_month(signal.start_period)
    label = label_text(signal.label, analysis.role)
    if signal.rule is Rule.SHIFT:
        return f"Shift {signal.direction} the median from {start}: {label}."
    if signal.rule is Rule.TREND:
        way = "upwards" if signal.direction is Direction.UP else "downwards"
        return f"Trend {way} from {start}: {label}."
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

    With limits recalculated from a change date, the signals before it are
    history: they are listed in one sentence, without their labels.
    """
    latest = analysis.segments[-1]
    history = [s for s in analysis.signals if s.end_index < latest.start_index]
    current = [s for s in analysis.signals if s.start_index >= latest.start_index]
    sentences = _harm_headline(analysis, current)
    for segment in analysis.segments:
        sentences += _segment_notes(analysis, segment)
    start = format_month(latest.start_period)
    if len(analysis.segments) > 1:
        sentences.append(f"Mean and limits recalculated from {start}.")
    if history:
        findings = "; ".join(_spc_finding(s, analysis) for s in history)
        sentences.append(
            f"History, before the limits were recalculated from {start}: {findings}."
        )
    sentences += [
        f"Special cause variation ({label_text(signal.label, analysis.role)}): "
        f"{_spc_finding(signal, analysis)}."
        for signal in current
    ]
    if not analysis.signals:
        sentences.append("Common cause variation only: no special cause signals.")
    elif not current:
        sentences.append(
            f"Common cause variation only since {start}: no special cause signals."
        )
    variation = variation_text(analysis.variation, analysis.role)
    sentences.append(f"Latest point: {variation}.")
    if analysis.assurance is not None and analysis.target is not None:
        sentences.append(_assurance_sentence(analysis.assurance, analysis.target))
    return sentences


def _segment_notes(analysis: SpcAnalysis, segment: Segment) -> list[str]:
    """Trial limits, no limits at all, or limits clipped to the unit's bounds."""
    only = len(analysis.segments) == 1
    latest = segment is analysis.segments[-1]
    start = format_month(segment.start_period)
    scope = "" if only else f" from {start}"
    if not (only or latest):
        scope += f" to {format_month(segment.end_period)}"
    if not segment.has_limits:
        if only:
            opening = "There is"
        elif latest:
            opening = f"From {start} there is"
        else:
            opening = (
                f"Before {format_month(analysis.segments[-1].start_period)} there is"
            )
        ending = ""
        if latest:
            judged = analysis.target is not None and (
                analysis.improvement is not ImprovementDirection.NEITHER
            )
            ending = " and no assurance yet" if judged else " yet"
        return [
            f"{opening} only 1 point: with no moving range it has no process "
            f"limits{ending}."
        ]
    notes = []
    if segment.trial_limits:
        notes.append(
            f"Fewer than {MIN_POINTS_FOR_FIRM_LIMITS} points: "
            "the process limits are trial limits."
            if only
            else f"The limits{scope} rest on {segment.length} points (fewer than "
            f"{MIN_POINTS_FOR_FIRM_LIMITS}): they are trial limits."
        )
    low, high = analysis.unit_kind.bounds
    for clipped, limit, side, bound in (
        (segment.lower_limit_clipped, "lower", "below", low),
        (segment.upper_limit_clipped, "upper", "above", high),
    ):
        if clipped:
            value = format_value(bound)
            notes.append(
                f"The {limit} process limit{scope} would be {side} {value}, which "
                f"{UNIT_NAMES[analysis.unit_kind]} cannot be: it is drawn at {value}."
            )
    return notes


def _spc_finding(signal: Signal, analysis: SpcAnalysis) -> str:
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
    where = "close to"
    if analysis.two_of_three is TwoOfThree.BEYOND_TWO_SIGMA:
        where = "close to or beyond"
    return f"2 out of 3 points {where} the {limit} process limit from {start}"


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
