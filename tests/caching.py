"""Emptying the cache in a test without touching another worker's keys."""

from django.core.cache import cache


def empty_cache():
    """This worker's keys go, and only those (each pytest-xdist worker has its
    own key prefix: test settings). Redis's ``cache.clear()`` empties the whole
    database, and with it the tag generations another worker's test relies on
    (tests/cohorts/opendata/test_api.py's query counts failed in CI so)."""
    if hasattr(cache, "delete_pattern"):
        # Every key under the prefix, whatever its version (Wagtail keeps the
        # site root paths under version 2, which delete_pattern("*") would leave).
        redis = cache.client.get_client(write=True)
        keys = list(redis.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            redis.delete(*keys)
    else:
        cache.clear()
