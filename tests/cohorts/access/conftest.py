import pytest

from tests.cohorts.roles import build_cast
from tests.conftest import kept_for_scope


@pytest.fixture(scope="module")
def kept_cast(django_db_setup, django_db_blocker):
    """The cast, built once for each module here: every test of these modules
    uses it, and building it costs more than most of them."""
    with kept_for_scope(django_db_blocker):
        yield build_cast()


@pytest.fixture
def cast(kept_cast, db):
    """The module's cast as fresh objects; what a test writes is rolled back."""
    return kept_cast.fresh()
