from .measures import MeasurePoint, PointApproval, ProjectMeasure
from .pages import (
    CohortPage,
    FellowIndexPage,
    FellowProjectFellow,
    FellowProjectPage,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
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
    "PointApproval",
    "ProgrammePage",
    "ProjectMeasure",
    "ProjectUpdatePage",
    "Theme",
]
