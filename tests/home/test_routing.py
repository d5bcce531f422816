"""HomePage.route finds a page by its url_path in one query: the column is
indexed (home/migrations/0004), so that query does not read every page."""

from django.db import connection

from wagtail.models import Page


def test_url_path_is_indexed(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, Page._meta.db_table
        )
    assert constraints["home_page_url_path"]["columns"] == ["url_path"]
    assert constraints["home_page_url_path"]["index"]


def test_routing_reads_the_index(db):
    """The query a request routes with, as the database plans it (PostgreSQL
    is told to avoid a scan, which it would choose for a table this small)."""
    query = Page.objects.filter(url_path__in=["/home/a/", "/home/a/b/"]).order_by(
        "-depth"
    )[:1]
    sql, params = query.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"{explain} {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "home_page_url_path" in plan
