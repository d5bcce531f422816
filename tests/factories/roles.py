"""Users in the programme's roles (the groups made by migration cohorts 0003)."""

import factory

from django.contrib.auth.models import Group

from cohorts.roles import COACHES_GROUP, FELLOWS_GROUP, STAFF_GROUP

from .snippets import CoachFactory, FellowFactory, UserFactory


def in_group(name):
    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return role


class StaffUserFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = in_group(STAFF_GROUP)


class FellowUserFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = in_group(FELLOWS_GROUP)


class CoachUserFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    role = in_group(COACHES_GROUP)


class LinkedCoachFactory(CoachFactory):
    """A coach with a login."""

    user = factory.SubFactory(CoachUserFactory)


class LinkedFellowFactory(FellowFactory):
    """A fellow with a login."""

    user = factory.SubFactory(FellowUserFactory)
