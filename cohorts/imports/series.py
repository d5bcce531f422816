"""Import of a series of dated values (date, value and an optional annotation)
from a CSV or XLSX file or from cells pasted from a spreadsheet, into a
*target*: a project measure's data (MeasureTarget) or a programme KPI's entered
values (KPITarget), both in targets.py. The upload → preview → confirm views
are series_views.py's.

The file or the pasted cells are read by cohorts.spreadsheets (the same reader,
size limit and messages as the bulk import of records); this module checks
each row and writes them.

- A date is checked by the target: a measure stores it as the start of its
  period (ProjectMeasure.normalise_period, as on the data page), and the
  preview says where a date moved; a KPI's value must be dated the first day of
  its month or quarter (ProgrammeKPI.check_period, as in its editor). A future
  date, or two rows for one period, is an error.
- A value is checked against the target's kind of unit (Charted.check_value).
- A period already stored is updated with the row's value (and its annotation,
  if the file has that column); the preview says so. Stored periods that are
  not in the file are left alone.
- Whether what is written is approved is the target's rule: a measure's
  PointApproval; a KPI's values are staff's own, so they need none.
- Atomic: nothing is written unless every row is valid, and the rows are
  written in one transaction.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from cohorts.models import plain_number
from cohorts.spreadsheets import ImportFileError

from .rows import ImportResult, RowError, check_columns, parse_date, shown

REQUIRED_COLUMNS = ("date", "value")
OPTIONAL_COLUMNS = ("annotation",)


@dataclass
class PointRow:
    number: int
    values: dict
    point: models.Model | None = None  # the value to write (the target's model)
    action: str = ""  # "create", "update" or "unchanged"
    previous_value: Decimal | None = None
    note: str = ""  # where the date moved, if it did
    errors: list[str] = field(default_factory=list)
    preview_cells: list[str] = field(default_factory=list)

    @property
    def preview_detail(self):
        if self.action == "update":
            return f"replaces the stored value {plain_number(self.previous_value)}"
        return "already stored" if self.action == "unchanged" else ""


def parse_value(model, text):
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise RowError(f"value: '{text}' is not a number.")
    try:
        model._meta.get_field("value").run_validators(value)
    except ValidationError as error:
        raise RowError(f"value: {' '.join(error.messages)}") from error
    return value


def parse_annotation(model, text):
    try:
        model._meta.get_field("annotation").run_validators(text)
    except ValidationError as error:
        raise RowError(f"annotation: {' '.join(error.messages)}") from error
    return text


def validate(target, table):
    """Check every row against the file and the target's stored values (the
    preview); writes nothing."""
    check_columns(
        table,
        REQUIRED_COLUMNS,
        OPTIONAL_COLUMNS,
        "The columns are date and value, and optionally annotation, "
        "with their names in the first row.",
    )
    stored = target.stored()
    has_annotation = "annotation" in table.headers
    seen = {}
    rows = []
    for number, values in table.rows:
        row = PointRow(number=number, values=values)
        rows.append(row)
        texts = {column: values.get(column, "").strip() for column in values}
        row.errors = [
            f"{column}: this cell is empty."
            for column in REQUIRED_COLUMNS
            if not texts[column]
        ]
        parsed = {}
        for column, parse in (
            ("date", lambda text: parse_date("date", text)),
            ("value", lambda text: parse_value(target.model, text)),
            ("annotation", lambda text: parse_annotation(target.model, text)),
        ):
            if column in texts and (texts[column] or column == "annotation"):
                try:
                    parsed[column] = parse(texts[column])
                except RowError as error:
                    row.errors.append(str(error))
        if parsed.get("value") is not None:
            try:
                target.series.check_value(parsed["value"])
            except ValidationError as error:
                row.errors.append(f"value: {' '.join(error.messages)}")
        day = period = parsed.get("date")
        if day is not None:
            try:
                period, row.note = target.period_of(day)
            except ValidationError as error:
                row.errors.append(f"date: {' '.join(error.messages)}")
                period = None
        if period in seen:
            row.errors.append(
                f"date: {period:%Y-%m-%d} is also on row {seen[period]}; "
                "each period may appear once."
            )
        elif period is not None:
            seen[period] = number
        row.preview_cells = [
            shown(period) if period else texts["date"],
            texts["value"],
            *([texts["annotation"]] if has_annotation else []),
        ]
        if row.errors:
            continue
        point = stored.get(period) or target.new(period)
        before = (point.value, point.annotation)
        point.value = parsed["value"]
        if has_annotation:
            point.annotation = parsed["annotation"]
        row.point = point
        if point.pk is None:
            row.action = "create"
        elif before == (point.value, point.annotation):
            row.action = "unchanged"
        else:
            row.action = "update"
            row.previous_value = before[0]
    headings = ["Period", "Value", *(["Annotation"] if has_annotation else [])]
    return ImportResult(rows=rows, headings=headings)


def import_values(target, table):
    """Validate the rows and, if there are no errors, write them all in one
    transaction (each new or changed value marked by the target first).
    Raises ImportFileError for a bad file."""
    with transaction.atomic():
        result = validate(target, table)
        if not result.errors:
            for row in result.rows:
                if row.action in ("create", "update"):
                    target.mark(row.point)
            try:
                target.model.objects.bulk_create(
                    [row.point for row in result.rows if row.action == "create"]
                )
                target.model.objects.bulk_update(
                    [row.point for row in result.rows if row.action == "update"],
                    target.update_fields,
                )
            except IntegrityError as error:
                raise ImportFileError(
                    "The data changed while importing; nothing was "
                    "written. Upload the file again."
                ) from error
            result.written = True
    return result
