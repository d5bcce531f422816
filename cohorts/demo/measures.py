"""The demo's QI content for some project ideas: measures with monthly data, a
driver diagram, and PDSA cycles and progress scores in the project's updates.

Each measure's series is made to show one thing on its chart:

- the outcome measure (28 months, an XmR chart): a shift, once the changes are
  tested, from the baseline towards the target;
- the process measure (10 months, a run chart): a trend towards the target;
- the balancing measure (16 months, an XmR chart): stable, with one month
  outside the process limits (an annotated special cause, marked
  astronomical).

The units are percentages or rates ("... per ..."), and their kind of unit
says so.

The noise comes from a random generator seeded with the project's slug, so the
demo is the same every time.
"""

import datetime
import random

from cohorts import qi
from cohorts.models import MeasurePoint, ProjectMeasure

LOWER, HIGHER = ProjectMeasure.Direction.LOWER, ProjectMeasure.Direction.HIGHER
OUTCOME_POINTS, BALANCING_POINTS = 28, 16
SPIKE_AT = 9  # the balancing measure's astronomical month

# Per project idea: (kind, name, operational definition, unit, data source,
# direction, baseline, target) for each measure; three change ideas, tested in
# turn; the driver diagram as (primary driver, [(secondary driver, [indexes
# of the change ideas])]); and whether to recalculate the outcome's limits.
IDEAS = {
    "Reducing inpatient falls": {
        "measures": [
            (
                ProjectMeasure.Kind.OUTCOME,
                "Falls per 1,000 occupied bed days",
                "Inpatient falls reported on the incident system for the two wards, "
                "divided by occupied bed days, times 1,000.",
                "falls per 1,000 bed days",
                "Incident reporting system; bed management system",
                LOWER,
                8.4,
                5.8,
            ),
            (
                ProjectMeasure.Kind.PROCESS,
                "Falls risk assessment within 6 hours of admission",
                "Of 20 randomly chosen admissions a month, the percentage with a "
                "completed falls risk assessment within 6 hours.",
                "%",
                "Monthly notes audit",
                HIGHER,
                48,
                90,
            ),
            (
                ProjectMeasure.Kind.BALANCING,
                "Patients reporting disturbed sleep",
                "Of patients asked at the morning survey, the percentage who say "
                "night-time checks disturbed their sleep.",
                "%",
                "Ward patient survey",
                LOWER,
                14,
                None,
            ),
        ],
        "changes": [
            "Hourly rounding at night",
            "Falls risk sticker on the patient board",
            "Bed and chair sensors for high-risk patients",
        ],
        "drivers": [
            ("Reliable checks at night", [("Staff know who is at risk", [1, 0])]),
            ("Safe surroundings", [("Early warning when a patient gets up", [2])]),
        ],
    },
    "Earlier sepsis treatment": {
        # The outcome chart's limits are recalculated once the change has held.
        "recalculate": True,
        "measures": [
            (
                ProjectMeasure.Kind.OUTCOME,
                "Antibiotics within an hour for red-flag sepsis",
                "Of adults in the emergency department who meet the red-flag "
                "sepsis criteria, the percentage given antibiotics within an hour.",
                "%",
                "Emergency department sepsis audit",
                HIGHER,
                58,
                90,
            ),
            (
                ProjectMeasure.Kind.PROCESS,
                "Sepsis screening at triage",
                "Of patients with a NEWS2 score of 5 or more at triage, the "
                "percentage screened for sepsis.",
                "%",
                "Electronic patient record report",
                HIGHER,
                52,
                95,
            ),
            (
                ProjectMeasure.Kind.BALANCING,
                "Broad-spectrum antibiotic doses per 100 attendances",
                "Doses of broad-spectrum antibiotics given in the department per "
                "100 attendances.",
                "doses per 100 attendances",
                "Pharmacy dispensing data",
                LOWER,
                6.5,
                None,
            ),
        ],
        "changes": [
            "Sepsis screening prompt at triage",
            "Antibiotics stocked in the majors area",
            "Sepsis trolley checked every shift",
        ],
        "drivers": [
            ("Sepsis recognised early", [("Screening is part of triage", [0])]),
            (
                "Treatment without delay",
                [("Antibiotics are at hand", [1]), ("Kit is ready", [2])],
            ),
        ],
    },
    "Quicker discharge letters": {
        "measures": [
            (
                ProjectMeasure.Kind.OUTCOME,
                "Discharge summaries sent within 24 hours",
                "Of patients discharged from the medical wards, the percentage "
                "whose discharge summary reached the GP within 24 hours.",
                "%",
                "Electronic document transfer log",
                HIGHER,
                61,
                95,
            ),
            (
                ProjectMeasure.Kind.PROCESS,
                "Summaries started before the day of discharge",
                "Of discharge summaries, the percentage first saved before the "
                "day the patient went home.",
                "%",
                "Electronic patient record audit trail",
                HIGHER,
                30,
                80,
            ),
            (
                ProjectMeasure.Kind.BALANCING,
                "Summaries returned by GPs as incomplete",
                "Discharge summaries a GP practice returned as incomplete, per "
                "100 sent.",
                "per 100 summaries",
                "GP liaison inbox",
                LOWER,
                4.2,
                None,
            ),
        ],
        "changes": [
            "Start the summary at the board round",
            "Pharmacist completes the medicines section",
            "Daily list of summaries still open",
        ],
        "drivers": [
            ("Summaries written early", [("A set time to start them", [0, 2])]),
            ("Shared work", [("Each profession writes its own part", [1])]),
        ],
    },
    "Better pain scores after surgery": {
        "measures": [
            (
                ProjectMeasure.Kind.OUTCOME,
                "Controlled pain on the first day after surgery",
                "Of patients after elective surgery, the percentage with a pain "
                "score of 3 or less at every check on day one.",
                "%",
                "Electronic observations",
                HIGHER,
                62,
                85,
            ),
            (
                ProjectMeasure.Kind.PROCESS,
                "Pain plan agreed before surgery",
                "Of elective surgical patients, the percentage with a written pain "
                "plan agreed at the pre-operative assessment.",
                "%",
                "Pre-assessment clinic audit",
                HIGHER,
                35,
                90,
            ),
            (
                ProjectMeasure.Kind.BALANCING,
                "Patients needing naloxone",
                "Doses of naloxone given on the surgical wards per 1,000 "
                "surgical admissions.",
                "per 1,000 admissions",
                "Pharmacy dispensing data",
                LOWER,
                3.1,
                None,
            ),
        ],
        "changes": [
            "Pain plan at pre-operative assessment",
            "Regular simple pain relief prescribed by default",
            "Pain check added to the afternoon round",
        ],
        "drivers": [
            ("Pain planned for", [("Patients know what to expect", [0])]),
            (
                "Pain treated early",
                [("Prescribing by default", [1]), ("Frequent checks", [2])],
            ),
        ],
    },
}

DECISIONS = ["adapt", "adopt", "adopt"]
PROGRESS = ["1.5", "2.5", "3.5", "4.0"]


def month(start, n):
    months = start.month - 1 + n
    return datetime.date(start.year + months // 12, months % 12 + 1, 1)


def improving(direction, baseline, target):
    """A target to aim for: the given one, or a quarter better than baseline."""
    if target is not None:
        return target
    return baseline * (0.75 if direction == LOWER else 1.25)


def outcome_series(rnd, baseline, target, change_at):
    """Baseline, then a step most of the way to the target from point
    `change_at`, reached over three months."""
    values = []
    for n in range(OUTCOME_POINTS):
        centre = baseline
        if n >= change_at:
            step = min(1, (n - change_at + 1) / 3)
            centre = baseline + (target - baseline) * 0.8 * step
        values.append(centre + rnd.gauss(0, abs(target - baseline) * 0.25))
    return values


def process_series(rnd, baseline, target):
    """Two flat months, then seven rising (or falling) months, then one back."""
    rise = (target - baseline) / 8
    values = [baseline + rnd.uniform(-0.3, 0.3) * abs(rise) for _ in range(2)]
    for n in range(1, 8):
        values.append(baseline + rise * n + rnd.uniform(-0.2, 0.2) * abs(rise))
    values.append(values[-1] - rise * 0.5)
    return values


def balancing_series(rnd, baseline, spike_at):
    """Stable around the baseline, one month far above it."""
    values = [baseline * (1 + rnd.gauss(0, 0.05)) for _ in range(BALANCING_POINTS)]
    values[spike_at] = baseline * 1.6
    return values


def within(unit_kind, value):
    """The value moved inside what its kind of unit can take (a percentage at
    most 100, a rate at least 0), as the data page and the import insist."""
    low, high = qi.UnitKind(unit_kind).bounds
    if high is not None:
        value = min(value, high)
    return value if low is None else max(value, low)


def load(project, updates):
    """Add the demo QI content to a new project whose idea has some (the
    project's title starts with the idea). Returns the number of objects
    created."""
    idea = next((IDEAS[t] for t in IDEAS if project.title.startswith(t)), None)
    if idea is None:
        return 0
    rnd = random.Random(project.slug)  # noqa: S311 (demo data, not security)
    start = project.start_date
    project.driver_diagram = [
        (
            "primary_driver",
            {
                "driver": primary,
                "secondary_drivers": [
                    {
                        "driver": secondary,
                        "change_ideas": [idea["changes"][i] for i in ideas],
                    }
                    for secondary, ideas in secondaries
                ],
            },
        )
        for primary, secondaries in idea["drivers"]
    ]
    project.save()
    created = 0
    for sort_order, measure_data in enumerate(idea["measures"]):
        kind, name, definition, unit, source, direction, baseline, target = measure_data
        unit_kind = (
            ProjectMeasure.UnitKind.PERCENTAGE
            if unit == "%"
            else ProjectMeasure.UnitKind.RATE
        )
        aim = improving(direction, baseline, target)
        if kind == ProjectMeasure.Kind.OUTCOME:
            first = month(start, -12)
            # The change starts two months into the project (the first PDSA
            # cycle's month).
            values = outcome_series(rnd, baseline, aim, change_at=14)
            annotations = {}
        elif kind == ProjectMeasure.Kind.PROCESS:
            first = start
            values = process_series(rnd, baseline, aim)
            annotations = {}
        else:
            first = month(start, -4)
            values = balancing_series(rnd, baseline, spike_at=SPIKE_AT)
            annotations = {
                SPIKE_AT: "Norovirus outbreak: the ward was closed for ten days"
            }
        measure = ProjectMeasure.objects.create(
            project=project,
            sort_order=sort_order,
            name=name,
            kind=kind,
            operational_definition=definition,
            unit=unit,
            unit_kind=unit_kind,
            data_source=source,
            improvement_direction=direction,
            baseline=baseline,
            target=target,
            # After the change has settled (outcome_series' ramp).
            recalculate_from=month(start, 5)
            if kind == ProjectMeasure.Kind.OUTCOME and idea.get("recalculate")
            else None,
        )
        MeasurePoint.objects.bulk_create(
            MeasurePoint(
                measure=measure,
                period=month(first, n),
                value=round(within(unit_kind, value), 1),
                annotation=annotations.get(n, ""),
                astronomical=kind == ProjectMeasure.Kind.BALANCING and n == SPIKE_AT,
                approved=True,  # approved demo data
            )
            for n, value in enumerate(values)
        )
        created += 1 + len(values)
    for n, update in enumerate(updates):
        update.progress_score = PROGRESS[n]
        if n:
            update.pdsa_cycles = [pdsa_cycle(idea["changes"][n - 1], update.date, n)]
        update.save()
    return created


def pdsa_cycle(change, reported, n):
    start = reported - datetime.timedelta(days=42)
    return (
        "pdsa_cycle",
        {
            "change_idea": change,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=28),
            "prediction": f"{change} will move the process measure within a "
            "month, without harming the balancing measure.",
            "what_was_done": f"We tried it on one ward for four weeks "
            f"(cycle {n}) and collected the data weekly.",
            "study": "The process measure moved as predicted; staff asked for "
            "changes to make it easier on busy shifts.",
            "decision": DECISIONS[n - 1],
        },
    )
