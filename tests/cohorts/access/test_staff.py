"""Programme staff and their abilities: one definition (cohorts/roles.py),
asked of every role."""

import pytest

from django.contrib.auth.models import AnonymousUser

from cohorts.roles import (
    can_approve,
    can_import_records,
    can_view_reports,
    has_narrow_role,
    is_programme_staff,
)
from tests.cohorts.roles import ROLES

STAFF_ROLES = {"staff", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_and_superusers_have_the_staff_abilities(cast, role):
    user = cast.user(role) or AnonymousUser()
    staff = role in STAFF_ROLES
    assert is_programme_staff(user) is staff
    assert can_view_reports(user) is staff
    assert can_import_records(user) is staff
    assert can_approve(user, cast.project_a) is staff


@pytest.mark.parametrize("role", ROLES)
def test_fellows_and_coaches_who_are_not_staff_have_a_narrow_role(cast, role):
    user = cast.user(role) or AnonymousUser()
    expected = role in {"fellow A", "fellow B", "coach of A", "another coach"}
    assert has_narrow_role(user) is expected
