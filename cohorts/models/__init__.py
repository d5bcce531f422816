from .fellow_index import FellowIndexPage
from .kpis import KPIValue, ProgrammeKPI
from .measures import MeasurePoint, PointApproval, ProjectMeasure
from .pages import (
    CohortPage,
    FellowProjectFellow,
    FellowProjectPage,
    ProgrammePage,
    ProjectUpdatePage,
)
from .records import FellowOutcome
from .snippets import AccreditationStatus, Coach, Fellow, Organisation, Theme
from .tree import ParentPath, ancestor_paths, parent_path, parent_value

__all__ = [
    "AccreditationStatus",
    "Coach",
    "CohortPage",
    "Fellow",
    "FellowIndexPage",
    "FellowOutcome",
    "FellowProjectFellow",
    "FellowProjectPage",
    "KPIValue",
    "MeasurePoint",
    "Organisation",
    "ParentPath",
    "PointApproval",
    "ProgrammeKPI",
    "ProgrammePage",
    "ProjectMeasure",
    "ProjectUpdatePage",
    "Theme",
    "ancestor_paths",
    "parent_path",
    "parent_value",
]
