"""What both spreadsheet imports share: the column check, one row's result and
the whole file's, and the readers of a yes/no, a date or a choice in one cell
(each problem a RowError that names its column)."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models

from cohorts.spreadsheets import ImportFileError

TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


def check_columns(table, required, optional, explanation):
    """Refuse a table with missing or unknown columns, naming them all."""
    missing = [column for column in required if column not in table.headers]
    unknown = [
        column for column in table.headers if column not in (*required, *optional)
    ]
    problems = []
    if missing:
        problems.append(f"Missing columns: {', '.join(missing)}.")
    if unknown:
        problems.append(f"Unknown columns: {', '.join(unknown)}.")
    if problems:
        raise ImportFileError(" ".join([*problems, explanation]))


def heading(column):
    """A column's name as the preview heads it: "job_title" → "Job title"."""
    return column.replace("_", " ").capitalize()


def shown(value):
    """A value as the preview shows it: a cohort with its programme, a date in
    words, yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(getattr(value, "full_title", value))


@dataclass
class RowResult:
    number: int
    values: dict
    instance: models.Model | None = None
    action: str = ""  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # What the preview shows (cohorts/imports/flow.py): one cell per column of
    # the file, the value about to be written once the row is valid.
    preview_cells: list[str] = field(default_factory=list)

    @property
    def preview_detail(self):
        return ", ".join(heading(name).lower() for name in self.changes)


@dataclass
class ImportResult:
    rows: list
    headings: list[str] = field(default_factory=list)  # of each row's preview_cells
    written: bool = False

    @property
    def errors(self):
        return [
            f"Row {row.number}: {message}"
            for row in self.rows
            for message in row.errors
        ]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self):
        return (
            f"{self.count('create')} new, {self.count('update')} updated, "
            f"{self.count('unchanged')} unchanged"
        )


class RowError(Exception):
    """A value in one cell is not usable; the message names the column."""


class RowProblems:
    """Every problem of one row, one per column: a row with three faults shows
    three. ``with problems.cell():`` around the reading of each cell."""

    def __init__(self):
        self.messages = []

    def add(self, message):
        column = message.partition(":")[0]
        if not any(known.startswith(f"{column}:") for known in self.messages):
            self.messages.append(message)

    @contextmanager
    def cell(self):
        try:
            yield
        except RowError as error:
            self.add(str(error))


def choice_value(choices, column, text):
    """Accept a choice by its stored value or its label, in any case."""
    for value, label in choices:
        if text.lower() in (value.lower(), label.lower()):
            return value
    allowed = ", ".join(label for _, label in choices)
    raise RowError(f"{column}: '{text}' is not one of: {allowed}.")


def parse_date(column, text):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(f"{column}: '{text}' is not a date (use 2015-03-31 or 31/03/2015).")


def parse_yes_no(column, text):
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f"{column}: '{text}' should be yes or no.")
