"""Queries per page for `make bench` (bench/run.py): each URL read in-process
with the bench's settings and database, as a warm worker serves it while wrk
drives it: with the page cache off (what is kept under the page cache's tags,
such as the header, restrictions and outcomes, is read from the cache, as in
the query budgets of tests/performance/test_query_budgets.py), and from the
page cache. Prints JSON."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries)


def main():
    pages = json.loads(sys.argv[1])
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    cached_seconds = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 3600))
    counts = {"uncached": {}, "cached": {}}
    for page, url in pages.items():
        settings.PAGE_CACHE_SECONDS = 0
        client.get(url)  # imports, templates and kept values loaded: a warm worker
        counts["uncached"][page] = count(client, url)
        settings.PAGE_CACHE_SECONDS = cached_seconds
        client.get(url)
        counts["cached"][page] = count(client, url)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
