"""Spreadsheets in and out: the one reader of uploaded and pasted tables, and
the formula escaping of every export.

Reading. ``read_table()`` reads a CSV or XLSX upload and ``read_pasted()``
cells pasted from a spreadsheet into a Table of text cells keyed by normalised
column name. tablib does the parsing; this module bounds it: a file over
``MAX_FILE_SIZE`` or ``MAX_ROWS`` is refused, and so is a workbook that would
unpack to far more than its size. Every refusal is an ImportFileError whose
message is written for the member of staff who uploaded the file. Both imports
(cohorts.imports) read with it.

Writing (CSV or formula injection). A spreadsheet program treats a cell that
starts with =, +, - or @ (or a tab or carriage return before one) as a
formula, so a fellow's job title such as ``=HYPERLINK(...)`` would run when
staff open an export. Every export prefixes such text with a single quote,
which the program shows as plain text.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from functools import update_wrapper
from pathlib import PurePath

import tablib
from tablib.exceptions import TablibException

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLResolver, path
from django.urls.resolvers import RoutePattern
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.mixins import SpreadsheetExportMixin

# Reading

MAX_FILE_SIZE_MB = 2
MAX_FILE_SIZE = MAX_FILE_SIZE_MB * 1024 * 1024
MAX_ROWS = 5000
# An XLSX file is a zip: refuse one that unpacks to far more than its size
# allows for plain text, so a small "zip bomb" cannot exhaust memory.
MAX_XLSX_UNPACKED_SIZE = 25 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (its type, size, encoding or
    columns). The message is written for the member of staff who uploaded it."""


@dataclass
class Table:
    """The rows of a file as text, keyed by normalised column name. ``rows`` is
    a list of ``[row_number, {column: value}]`` so it can be kept in a session."""

    headers: list[str]
    rows: list[list]

    def as_json(self):
        return {"headers": self.headers, "rows": self.rows}

    @classmethod
    def from_json(cls, data):
        return cls(headers=data["headers"], rows=data["rows"])


def normalise_header(header):
    return str(header or "").strip().lower().replace(" ", "_")


def cell_text(value):
    """A spreadsheet cell as the text a member of staff typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(name, stream):
    """Read a CSV or XLSX upload into a Table. Raises ImportFileError."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ImportFileError(
            "Upload a CSV (.csv) or Excel (.xlsx) file. "
            f"Files of type '{extension or 'none'}' cannot be imported."
        )
    data = stream.read(MAX_FILE_SIZE + 1)
    refuse_if_too_large(data, "The file", "Split it into smaller files.")
    if not data.strip():
        raise ImportFileError("The file is empty.")
    dataset = load_csv(data) if extension == ".csv" else load_xlsx(data)
    return dataset_to_table(dataset)


def read_pasted(text):
    """Cells pasted from a spreadsheet (tab-separated) or CSV text, as a Table.
    Raises ImportFileError."""
    data = text.encode()
    refuse_if_too_large(data, "The pasted text", "Paste fewer rows at a time.")
    if not text.strip():
        raise ImportFileError("Nothing was pasted.")
    if "\t" not in text.strip().splitlines()[0]:
        return dataset_to_table(load_csv(data))
    try:
        dataset = tablib.Dataset().load(text.strip("\r\n"), format="tsv")
    except TablibException as error:
        raise ImportFileError(
            "The pasted cells could not be read: check that every row has the "
            "same number of cells as the header row."
        ) from error
    return dataset_to_table(dataset)


def refuse_if_too_large(data, what, advice):
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(f"{what} is larger than {MAX_FILE_SIZE_MB} MB. {advice}")


def load_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "The file is not UTF-8 text. In Excel, save it as "
            "'CSV UTF-8 (comma delimited)' and upload it again."
        ) from error
    try:
        return tablib.Dataset().load(text, format="csv")
    except (csv.Error, TablibException) as error:
        raise ImportFileError(
            "The file could not be read as CSV: check that every row has the "
            "same number of columns as the header row."
        ) from error


def load_xlsx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(
            "The file could not be read as an Excel workbook (.xlsx)."
        ) from error
    if unpacked > MAX_XLSX_UNPACKED_SIZE:
        raise ImportFileError("The workbook is too large. Split it into smaller files.")
    try:
        return tablib.Dataset().load(data, format="xlsx")
    except (KeyError, ValueError, OSError, TablibException) as error:
        raise ImportFileError(
            "The file could not be read as an Excel workbook (.xlsx): check that "
            "its first sheet has a header row and no cells beyond the last column."
        ) from error


def dataset_to_table(dataset):
    if not dataset.headers:
        raise ImportFileError("The file is empty: it has no header row.")
    headers = [normalise_header(header) for header in dataset.headers]
    rows = []
    for number, values in enumerate(dataset, start=2):
        cells = [cell_text(value) for value in values]
        if any(cells):
            rows.append([number, dict(zip(headers, cells, strict=True))])
    # A column with no heading is allowed only if it is empty (spreadsheets often
    # carry blank columns after the last one).
    for position, header in enumerate(headers, start=1):
        if not header and any(row[header] for _, row in rows):
            raise ImportFileError(f"Column {position} has values but no heading.")
    headers = [header for header in headers if header]
    duplicates = sorted({header for header in headers if headers.count(header) > 1})
    if duplicates:
        raise ImportFileError(f"Columns appear twice: {', '.join(duplicates)}.")
    if not rows:
        raise ImportFileError("The file has a header row but no rows of data.")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            f"The file has {len(rows):,} rows; the most one import can take is "
            f"{MAX_ROWS:,}. Split it into smaller files."
        )
    for _, row in rows:
        row.pop("", None)
    return Table(headers=headers, rows=rows)


# Writing

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """The value, with a leading quote if it is text that would start a formula.
    Numbers and dates are left alone (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class FormulaSafeExportMixin:
    """Escapes every exported cell, for any view with Wagtail's
    SpreadsheetExportMixin (snippet and modeladmin listings, reports): both the
    CSV and the XLSX writers pass each value through preprocess_field_value."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(
            super().preprocess_field_value(field, value, export_format)
        )


def formula_safe_exports(urlpatterns, prefix=""):
    """Wagtail's own admin views that export spreadsheets (its reports, the
    redirects listing, any listing with ``list_export``) do not escape formulas.
    For each of them in ``urlpatterns`` (Wagtail's admin URLs), a URL pattern at
    the same address, with the same name and the same admin checks, whose view is
    the same class with FormulaSafeExportMixin. Put ahead of Wagtail's own
    (fellowship_site/urls.py), they answer in their place."""
    safe = []
    for pattern in urlpatterns:
        routable = prefix is not None and isinstance(pattern.pattern, RoutePattern)
        route = prefix + str(pattern.pattern) if routable else None
        if isinstance(pattern, URLResolver):
            safe += formula_safe_exports(pattern.url_patterns, route)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if not (
            view_class
            and issubclass(view_class, SpreadsheetExportMixin)
            and not issubclass(view_class, FormulaSafeExportMixin)
        ):
            continue
        if route is None:
            raise ImproperlyConfigured(f"Cannot make {view_class} formula-safe.")
        safe_class = type(view_class.__name__, (FormulaSafeExportMixin, view_class), {})
        view = safe_class.as_view(**pattern.callback.view_initkwargs)
        view = update_wrapper(require_admin_access(view), view)
        safe.append(path(route, never_cache(view), name=pattern.name))
    return safe
