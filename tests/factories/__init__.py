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
    "LinkedCoachFactory",
    "LinkedFellowFactory",
    "MeasurePointFactory",
    "ModuleIndexPageFactory",
    "OrganisationFactory",
    "ProgrammePageFactory",
    "ProjectMeasureFactory",
    "ProjectUpdatePageFactory",
    "StaffUserFactory",
    "StandardPageFactory",
    "UserFactory",
]
