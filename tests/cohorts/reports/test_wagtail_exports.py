"""Wagtail's own spreadsheet exports (its reports, and any other admin listing
that exports) escape formulas as the site's own exports do."""

import csv
import io
import re

import openpyxl
import pytest

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cohorts.spreadsheets import FormulaSafeExportMixin
from tests.cohorts.access.test_permissions import update_form
from tests.cohorts.roles import build_cast

FORMULA = '=HYPERLINK("http://evil.example/","Click")'


@pytest.fixture
def formula_page(client, db):
    """A fellow's draft titled with a formula, submitted to the workflow, then
    published by staff and locked: in every Wagtail report."""
    cast = build_cast()
    page = cast.draft_a
    client.force_login(cast.fellow_a.user)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        update_form(title=FORMULA, slug="first-pdsa", **{"action-submit": "1"}),
    )
    page.refresh_from_db()
    page.save_revision(user=cast.staff).publish()
    page.refresh_from_db()
    page.locked, page.locked_by = True, cast.staff
    page.save()
    client.force_login(cast.superuser)
    return page


REPORTS = [
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
]


def csv_cells(response):
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in book.active.iter_rows(values_only=True) for cell in row]


@pytest.mark.parametrize("url", REPORTS)
def test_wagtail_report_csv_escapes_formulas(client, formula_page, url):
    response = client.get(url, {"export": "csv"})

    cells = csv_cells(response)
    assert response.status_code == 200
    assert f"'{FORMULA}" in cells
    assert FORMULA not in cells


@pytest.mark.parametrize("url", REPORTS)
def test_wagtail_report_xlsx_escapes_formulas(client, formula_page, url):
    response = client.get(url, {"export": "xlsx"})

    cells = xlsx_cells(response)
    assert response.status_code == 200
    assert f"'{FORMULA}" in cells
    assert FORMULA not in cells


def admin_patterns(patterns=None, prefix=""):
    """(route, pattern) for every URL pattern of the site."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def test_every_admin_export_answers_with_a_formula_safe_view():
    exporting = [
        route
        for route, pattern in admin_patterns()
        if issubclass(
            getattr(pattern.callback, "view_class", object), SpreadsheetExportMixin
        )
    ]
    assert "admin/reports/site-history/" in exporting
    for route in exporting:
        url = "/" + re.sub(r"<(\w+:)?\w+>", "1", route)
        assert issubclass(resolve(url).func.view_class, FormulaSafeExportMixin), url
