import pytest

from tests.factories import (
    AccreditationStatusFactory,
    CoachFactory,
    CohortPageFactory,
    OrganisationFactory,
)


@pytest.fixture
def records(db):
    """The records a fellows file (FELLOWS_CSV in test_record_import.py)
    refers to."""
    organisation = OrganisationFactory(name="Northfield NHS Trust")
    CohortPageFactory(title="Cohort 2014", slug="cohort-2014")
    CoachFactory(name="Sam Okafor", email="sam.okafor@example.org")
    AccreditationStatusFactory(name="Enrolled")
    return organisation
