from .fellow_index import FellowIndexPage
from .good_practice import GoodPracticeIndexPage, GoodPracticePage
from .imports import ImportRun
from .kpis import KPIValue, ProgrammeKPI
from .measures import MeasurePoint, PointApproval, ProjectMeasure, plain_number
from .pages import (
    FellowProjectFellow,
    FellowProjectPage,
    ProjectUpdatePage,
    public_organisation_id,
)
from .programmes import CohortPage, ProgrammePage
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
    "GoodPracticeIndexPage",
    "GoodPracticePage",
    "ImportRun",
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
    "plain_number",
    "public_organisation_id",
]
