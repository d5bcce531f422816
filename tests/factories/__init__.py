from .pages import (
    CohortPageFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    LearningModulePageFactory,
    ModuleIndexPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
    StandardPageFactory,
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
    "CohortPageFactory",
    "FellowFactory",
    "FellowIndexPageFactory",
    "FellowOutcomeFactory",
    "FellowProjectPageFactory",
    "LearningModulePageFactory",
    "ModuleIndexPageFactory",
    "OrganisationFactory",
    "ProgrammePageFactory",
    "ProjectUpdatePageFactory",
    "StandardPageFactory",
    "UserFactory",
]
