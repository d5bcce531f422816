from .measures import MeasurePoint, ProjectMeasure
from .pages import (
    CohortPage,
    FellowIndexPage,
    FellowProjectFellow,
    FellowProjectPage,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
    parent_value,
)
from .records import FellowOutcome
from .snippets import AccreditationStatus, Coach, Fellow, Organisation

__all__ = [
    "AccreditationStatus",
    "Coach",
    "CohortPage",
    "Fellow",
    "FellowIndexPage",
    "FellowOutcome",
    "FellowProjectFellow",
    "FellowProjectPage",
    "MeasurePoint",
    "Organisation",
    "ProgrammePage",
    "ProjectMeasure",
    "ProjectUpdatePage",
    "Theme",
    "parent_value",
]
