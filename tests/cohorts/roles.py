"""Two fellows with a project each, their coaches, programme staff and a
superuser: the cast of the permission, moderation and dashboard tests."""

from dataclasses import dataclass

from wagtail.models import Page

from cohorts.models import Coach, Fellow, FellowProjectFellow, FellowProjectPage
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowProjectPageFactory,
    LinkedCoachFactory,
    LinkedFellowFactory,
    ProjectUpdatePageFactory,
    StaffUserFactory,
    UserFactory,
)


@dataclass
class Cast:
    fellow_a: Fellow
    fellow_b: Fellow
    coach_a: Coach
    coach_b: Coach
    staff: object
    superuser: object
    project_a: FellowProjectPage
    project_b: FellowProjectPage
    draft_a: Page

    def fresh(self):
        """The same cast read again from the database, so that what one test
        changes in memory does not reach the next (tests/cohorts/access/conftest.py)."""
        return Cast(
            **{
                name: type(value).objects.get(pk=value.pk)
                for name, value in vars(self).items()
            }
        )

    def user(self, role):
        """The user playing `role`, or None for anonymous."""
        return {
            "anonymous": None,
            "fellow A": self.fellow_a.user,
            "fellow B": self.fellow_b.user,
            "coach of A": self.coach_a.user,
            "another coach": self.coach_b.user,
            "staff": self.staff,
            "superuser": self.superuser,
        }[role]


ROLES = [
    "anonymous",
    "fellow A",
    "fellow B",
    "coach of A",
    "another coach",
    "staff",
    "superuser",
]


def project_for(fellow, cohort):
    project = FellowProjectPageFactory(
        parent=cohort, title=f"{fellow.name}'s project", slug=fellow.slug
    )
    FellowProjectFellow.objects.create(project=project, fellow=fellow)
    return project


def build_cast():
    cohort = CohortPageFactory()
    enrolled = AccreditationStatusFactory(name="Enrolled")
    coach_a = LinkedCoachFactory(name="Helen Marsh")
    coach_b = LinkedCoachFactory(name="Robert Okafor")
    fellow_a = LinkedFellowFactory(
        name="Amara Shah", coach=coach_a, cohort=cohort, accreditation_status=enrolled
    )
    fellow_b = LinkedFellowFactory(name="Ben Cole", coach=coach_b, cohort=cohort)
    project_a = project_for(fellow_a, cohort)
    project_b = project_for(fellow_b, cohort)
    draft_a = ProjectUpdatePageFactory(
        parent=project_a, title="First PDSA cycle", slug="first-pdsa", live=False
    )
    draft_a.save_revision(user=fellow_a.user)
    return Cast(
        fellow_a=fellow_a,
        fellow_b=fellow_b,
        coach_a=coach_a,
        coach_b=coach_b,
        staff=StaffUserFactory(username="staff"),
        superuser=UserFactory(username="admin", is_superuser=True, is_staff=True),
        project_a=project_a,
        project_b=project_b,
        draft_a=draft_a,
    )


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
