import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Through the email task, run at once (TASKS in base.py), into mail.outbox.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# The page cache is off, so that a test that reads a page, changes what is under
# it without publishing (factories) and reads it again sees the change; the
# cache's own tests (tests/performance/test_page_cache.py) turn it on.
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
# Django's and Wagtail's test helpers (client.login) authenticate without a request,
# which django-axes refuses. tests/home/test_throttling.py turns it back on.
AXES_ENABLED = False
# Each pytest-xdist worker keeps its own keys in a shared Redis, so that one worker
# emptying the cache between tests never touches another's (tests/conftest.py).
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
