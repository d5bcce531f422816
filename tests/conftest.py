from contextlib import contextmanager

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from home.models import HomePage
from tests.caching import empty_cache
from tests.cohorts.roles import build_cast


@pytest.fixture(autouse=True)
def empty_cache_first():
    """Each test starts with an empty cache, so no test's count of queries
    depends on what ran before it."""
    empty_cache()


@contextmanager
def kept_for_scope(django_db_blocker):
    """For a module- or package-scoped fixture: what it writes inside stays for
    the tests of its scope (each still rolls back its own writes) and is rolled
    back after them. Data every test of a module only reads is built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def cast(db):
    """Two fellows, their coaches, staff and a superuser (tests/cohorts/roles.py),
    built for one test (tests/cohorts/access/ builds it once a module)."""
    return build_cast()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "correct-horse-battery"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def count_queries(db):
    """Run a callable and return how many database queries it made."""

    def count(func):
        with CaptureQueriesContext(connection) as queries:
            func()
        return len(queries)

    return count
