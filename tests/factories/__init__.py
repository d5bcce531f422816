from .feedback import LearningModuleSessionFactory, SessionFeedbackFactory
from .kpis import ProgrammeKPIFactory
from .measures import MeasurePointFactory, ProjectMeasureFactory
from .pages import (
    CohortPageFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    GoodPracticeIndexPageFactory,
    GoodPracticePageFactory,
    LearningModulePageFactory,
    ModuleIndexPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
    StandardPageFactory,
)
from .roles import (
    CoachUserFactory,
    FellowUserFactory,
    LinkedCoachFactory,
    LinkedFellowFactory,
    StaffUserFactory,
)
from .snippets import (
    AccreditationStatusFactory,
    CoachFactory,
    FellowFactory,
    FellowOutcomeFactory,
    OrganisationFactory,
    UserFactory,
)

__all__ = [
    "AccreditationStatusFactory",
    "CoachFactory",
    "CoachUserFactory",
    "CohortPageFactory",
    "FellowFactory",
    "FellowIndexPageFactory",
    "FellowOutcomeFactory",
    "FellowProjectPageFactory",
    "FellowUserFactory",
    "GoodPracticeIndexPageFactory",
    "GoodPracticePageFactory",
    "LearningModulePageFactory",
    "LearningModuleSessionFactory",
    "LinkedCoachFactory",
    "LinkedFellowFactory",
    "MeasurePointFactory",
    "ModuleIndexPageFactory",
    "OrganisationFactory",
    "ProgrammeKPIFactory",
    "ProgrammePageFactory",
    "ProjectMeasureFactory",
    "ProjectUpdatePageFactory",
    "SessionFeedbackFactory",
    "StaffUserFactory",
    "StandardPageFactory",
    "UserFactory",
]
