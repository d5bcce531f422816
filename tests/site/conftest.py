import pytest

from django.core.management import call_command

from tests.conftest import kept_for_scope


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for this package's tests and rolled back
    after them."""
    with kept_for_scope(django_db_blocker):
        call_command("load_demo", force=True, verbosity=0)
        yield
