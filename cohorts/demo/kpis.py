"""The demo's KPI board for the main programme: the four computed KPIs and one
that staff enter, monthly for the last 30 months, which shows a special
cause: attendance jumped above the upper process limit in the month of the
session open to alumni."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from cohorts.kpis.computing import next_period, period_start
from cohorts.models import KPIValue, ProgrammeKPI

Source, Direction = ProgrammeKPI.Source, ProgrammeKPI.Direction
ENTERED_MONTHS, OPEN_SESSION_AT = 30, 26

KPIS = [
    (
        "Learner satisfaction",
        "How fellows rate the module sessions overall, from 1 (very poor) to 5 "
        "(very good): the quality of the learning experience.",
        Source.SATISFACTION,
        Decimal(4),
    ),
    (
        "Accreditation awards completed",
        "The share of fellows who have completed the university award.",
        Source.ACCREDITATION,
        Decimal(80),
    ),
    (
        "Projects with a sustained improvement",
        "The share of fellows' projects whose measures show an improvement that "
        "has lasted.",
        Source.IMPROVEMENT,
        None,
    ),
    (
        "Outcome records per fellow",
        "Presentations, posters, publications, awards, promotions and work spread, "
        "per fellow each quarter.",
        Source.OUTCOMES,
        None,
    ),
]


def load_kpis(programme):
    """Creates the programme's KPIs and the entered values (if missing);
    returns how many objects it created."""
    created = 0
    for order, (name, descriptor, source, target) in enumerate(KPIS):
        _, made = ProgrammeKPI.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={
                "descriptor": descriptor,
                "source": source,
                "period": ProgrammeKPI.Period.QUARTERLY,
                "improvement_direction": Direction.HIGHER,
                "target": target,
                "sort_order": order,
            },
        )
        created += made
    attendance, made = ProgrammeKPI.objects.get_or_create(
        programme=programme,
        name="Attendance at module sessions",
        defaults={
            "descriptor": "The share of places at module sessions that fellows "
            "took up: fellows learn only if they come.",
            "source": Source.ENTERED,
            "period": ProgrammeKPI.Period.MONTHLY,
            "improvement_direction": Direction.HIGHER,
            "target": Decimal(85),
            "unit": "%",
            "unit_kind": ProgrammeKPI.UnitKind.PERCENTAGE,
            "sort_order": len(KPIS),
        },
    )
    created += made
    if made:
        rnd = random.Random(2012)  # noqa: S311 (the same demo every time)
        month = period_start(timezone.localdate(), "monthly")
        for _ in range(ENTERED_MONTHS):
            month = period_start(month - datetime.timedelta(days=1), "monthly")
        values = []
        for n in range(ENTERED_MONTHS):
            special = n == OPEN_SESSION_AT
            value = 97 if special else 84 + rnd.uniform(-3, 3)
            values.append(
                KPIValue(
                    kpi=attendance,
                    period=month,
                    value=Decimal(f"{value:.1f}"),
                    annotation="Joint session with the regional quality team, "
                    "open to alumni"
                    if special
                    else "",
                )
            )
            month = next_period(month, "monthly")
        KPIValue.objects.bulk_create(values)
        created += len(values)
    return created
