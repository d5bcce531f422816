"""On PostgreSQL, the index of each entry's whole text (search/migrations/0001)
is on what a search matches, so that a search need not read every entry of
Wagtail's search index. (At the few entries of a test the planner reads them
all anyway, so the index is compared with the search's SQL.)"""

import pytest

from django.db import connection

from wagtail.models import Page

from search.facets import parse_search_text, search_ids

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite has its own text table"
    ),
]


def test_the_text_index_is_on_what_a_search_matches():
    query = search_ids(parse_search_text("falls"), Page.objects.all()).query
    sql, _ = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["search_indexentry_text_gin"],
        )
        row = cursor.fetchone()
    assert row is not None
    assert row[0].endswith("USING gin (((title || body)))")
    matched = sql.replace('"wagtailsearch_indexentry".', "").replace('"', "")
    assert "(title || body) @@ " in matched
