"""What the analyses need to know about a measure besides its points.

Role (``MeasureRole``)
    Outcome, process or balancing, as in the Model for Improvement. A
    balancing measure watches for harm the change may cause elsewhere: its
    summary reads its signals as "possible harm" or "no sign of harm", and it
    never counts as a sustained improvement (``improvement``).

Kind of unit (``UnitKind``)
    A percentage lies between 0 and 100, a count or a rate at or above 0; any
    other unit (a score, a temperature, a difference) has no bounds. XmR
    limits and 2-sigma lines beyond a bound are drawn at the bound, and the
    summary says so; the chart's value axis stops at the bounds too.
"""

from __future__ import annotations

from enum import StrEnum


class MeasureRole(StrEnum):
    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class UnitKind(StrEnum):
    PERCENTAGE = "percentage"
    COUNT = "count"
    RATE = "rate"
    OTHER = "other"

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """The lowest and highest possible value (``None``: no bound)."""
        if self is UnitKind.PERCENTAGE:
            return 0.0, 100.0
        if self is UnitKind.OTHER:
            return None, None
        return 0.0, None
