"""Bulk import of organisations, coaches and fellows from a CSV or XLSX file.

tablib reads the file; each row is then checked with the models' own field
validation (``full_clean``), so the import accepts what the admin forms accept.
The admin views (cohorts/import_views.py) and ``manage.py import_fellows`` both
call ``read_table()`` then ``import_records()``.

- Atomic: nothing is written unless every row is valid, and the rows are saved
  in one transaction.
- Idempotent: each row is matched to an existing record by a stable key
  (organisations by name; coaches by email, else name; fellows by email, else
  slug), so importing the same file twice updates instead of duplicating.
- Bounded: files over ``MAX_FILE_SIZE`` or ``MAX_ROWS`` are refused unread.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import tablib
from tablib.exceptions import TablibException

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

from cohorts.models import AccreditationStatus, Coach, CohortPage, Fellow, Organisation

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX file is a zip: refuse one that unpacks to far more than its size
# allows for plain text, so a small "zip bomb" cannot exhaust memory.
MAX_XLSX_UNPACKED_SIZE = 25 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")

TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (its type, size, encoding or
    columns). The message is written for the member of staff who uploaded it."""


class Kind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    COACHES = "coaches", "Coaches"
    FELLOWS = "fellows", "Fellows"


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
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(
            f"The file is larger than {MAX_FILE_SIZE // (1024 * 1024)} MB. "
            "Split it into smaller files."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    dataset = load_csv(data) if extension == ".csv" else load_xlsx(data)
    return dataset_to_table(dataset)


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


@dataclass
class RowResult:
    number: int
    values: dict
    instance: models.Model | None = None
    action: str = ""  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[RowResult]
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


class Lookup:
    """Existing records by a case-insensitive name, loaded in one query."""

    def __init__(self, label, objects, *keys):
        self.label = label
        self.by_key = {}
        for obj in objects:
            for key in keys:
                value = getattr(obj, key)
                if value:
                    self.by_key.setdefault(value.lower(), []).append(obj)

    def get(self, column, text, hint=""):
        if not text:
            return None
        matches = self.by_key.get(text.lower(), [])
        if not matches:
            raise RowError(f"{column}: there is no {self.label} called '{text}'.")
        if len({obj.pk for obj in matches}) > 1:
            raise RowError(
                f"{column}: '{text}' matches more than one {self.label}. {hint}"
            )
        return matches[0]


class RecordImporter:
    model: type[models.Model]
    required_columns: tuple[str, ...] = ("name",)
    optional_columns: tuple[str, ...] = ()
    # Model fields the importer sets from other records; full_clean skips them
    # because they are resolved (and so validated) by the lookups.
    related_fields: tuple[str, ...] = ()

    def __init__(self, table):
        allowed = (*self.required_columns, *self.optional_columns)
        check_columns(
            table,
            self.required_columns,
            self.optional_columns,
            f"The columns for {self.kind_label} are: {', '.join(allowed)}.",
        )
        self.table = table
        self.seen = {}

    @property
    def kind_label(self):
        return self.model._meta.verbose_name_plural

    def validate(self):
        return [self.validate_row(number, values) for number, values in self.table.rows]

    def validate_row(self, number, values):
        result = RowResult(number=number, values=values)
        empty = [c for c in self.required_columns if not self.text(values, c)]
        if empty:
            result.errors.extend(f"{column}: this cell is empty." for column in empty)
            return result
        try:
            instance = self.find(values)
            before = self.snapshot(instance) if instance else None
            instance = instance or self.model()
            keys = self.fill(instance, values)
        except RowError as error:
            result.errors.append(str(error))
            return result
        for key in keys:
            if key in self.seen:
                result.errors.append(
                    f"duplicates row {self.seen[key]} ('{key[1]}' appears twice)."
                )
            else:
                self.seen[key] = number
        try:
            instance.full_clean(exclude=[*self.related_fields, "user", "photo"])
        except ValidationError as error:
            result.errors.extend(
                f"{column}: {message}"
                for column, messages in error.message_dict.items()
                for message in messages
            )
        result.instance = instance
        if before is None:
            result.action = "create"
        else:
            after = self.snapshot(instance)
            result.changes = [name for name in after if after[name] != before[name]]
            result.action = "update" if result.changes else "unchanged"
        return result

    def snapshot(self, instance):
        return {
            name: getattr(instance, instance._meta.get_field(name).attname)
            for name in self.table.headers
        }

    def text(self, values, column):
        return values.get(column, "").strip()

    def find(self, values):
        """The existing record this row is about, or None. Raise RowError."""
        raise NotImplementedError

    def fill(self, instance, values):
        """Set the row's values on the instance; return the keys that must be
        unique within the file. Raise RowError."""
        raise NotImplementedError


class OrganisationImporter(RecordImporter):
    model = Organisation
    optional_columns = ("kind", "region")

    def __init__(self, table):
        super().__init__(table)
        self.existing = {o.name.lower(): o for o in Organisation.objects.all()}

    def find(self, values):
        return self.existing.get(self.text(values, "name").lower())

    def fill(self, organisation, values):
        name = self.text(values, "name")
        organisation.name = name
        if self.text(values, "kind"):
            organisation.kind = choice_value(
                Organisation.Kind.choices, "kind", self.text(values, "kind")
            )
        if "region" in values:
            organisation.region = self.text(values, "region")
        return [("name", name.lower())]


class CoachImporter(RecordImporter):
    model = Coach
    optional_columns = ("email", "organisation", "bio")
    related_fields = ("organisation",)

    def __init__(self, table):
        super().__init__(table)
        self.coaches = list(Coach.objects.all())
        self.organisations = Lookup("organisation", Organisation.objects.all(), "name")

    def find(self, values):
        """The coach with this email; else the one coach with this name and no
        other email. Two coaches of the same name need an email to tell them
        apart."""
        name, email = self.text(values, "name"), self.text(values, "email")
        if email:
            for coach in self.coaches:
                if coach.email.lower() == email.lower():
                    return coach
        named = [
            coach
            for coach in self.coaches
            if coach.name.lower() == name.lower() and (not email or not coach.email)
        ]
        if len(named) > 1:
            raise RowError(
                f"name: there are {len(named)} coaches called '{name}'. "
                "Add an email column to say which one this is."
            )
        return named[0] if named else None

    def fill(self, coach, values):
        name = self.text(values, "name")
        email = self.text(values, "email")
        coach.name = name
        if "email" in values:
            coach.email = email
        if "organisation" in values:
            coach.organisation = self.organisations.get(
                "organisation", self.text(values, "organisation")
            )
        if "bio" in values:
            coach.bio = self.text(values, "bio")
        return [("email", email.lower())] if email else [("name", name.lower())]


class FellowImporter(RecordImporter):
    model = Fellow
    required_columns = ("name", "profession")
    optional_columns = (
        "email",
        "slug",
        "job_title",
        "organisation",
        "cohort",
        "coach",
        "accreditation_status",
        "accreditation_date",
        "public_consent",
        "bio",
    )
    related_fields = ("organisation", "cohort", "coach", "accreditation_status")

    def __init__(self, table):
        super().__init__(table)
        fellows = list(Fellow.objects.all())
        self.by_email = {f.email.lower(): f for f in fellows if f.email}
        self.by_slug = {f.slug: f for f in fellows}
        self.organisations = Lookup("organisation", Organisation.objects.all(), "name")
        self.cohorts = Lookup(
            "cohort", CohortPage.objects.only("title", "slug"), "title", "slug"
        )
        self.coaches = Lookup("coach", Coach.objects.all(), "name", "email")
        self.statuses = Lookup(
            "accreditation status", AccreditationStatus.objects.all(), "name"
        )

    def slug(self, values):
        return self.text(values, "slug") or slugify(self.text(values, "name"))

    def find(self, values):
        """The fellow with this email; else the one at this slug, unless they
        have a different email."""
        email, slug = self.text(values, "email").lower(), self.slug(values)
        if email and email in self.by_email:
            return self.by_email[email]
        fellow = self.by_slug.get(slug)
        if fellow and email and fellow.email and fellow.email.lower() != email:
            raise RowError(
                f"slug: the address '{slug}' belongs to another fellow "
                f"({fellow.name}). Add a slug column to tell them apart."
            )
        return fellow

    def fill(self, fellow, values):
        email = self.text(values, "email")
        fellow.name = self.text(values, "name")
        # A fellow's slug is their public address: a new name in the file does
        # not move an existing fellow; only a slug column does.
        if self.text(values, "slug") or not fellow.pk:
            fellow.slug = self.slug(values)
        fellow.profession = choice_value(
            Fellow.Profession.choices, "profession", self.text(values, "profession")
        )
        for column in ("email", "job_title", "bio"):
            if column in values:
                setattr(fellow, column, self.text(values, column))
        self.set_related(fellow, values)
        if "accreditation_date" in values:
            text = self.text(values, "accreditation_date")
            fellow.accreditation_date = (
                parse_date("accreditation_date", text) if text else None
            )
        if "public_consent" in values:
            fellow.public_consent = parse_yes_no(
                "public_consent", self.text(values, "public_consent")
            )
        return [("slug", fellow.slug), *([("email", email.lower())] if email else [])]

    def set_related(self, fellow, values):
        lookups = {
            "organisation": (self.organisations, ""),
            "cohort": (self.cohorts, "Use the cohort's slug instead."),
            "coach": (self.coaches, "Use the coach's email instead."),
            "accreditation_status": (self.statuses, ""),
        }
        for column, (lookup, hint) in lookups.items():
            if column in values:
                setattr(
                    fellow, column, lookup.get(column, self.text(values, column), hint)
                )


IMPORTERS = {
    Kind.ORGANISATIONS: OrganisationImporter,
    Kind.COACHES: CoachImporter,
    Kind.FELLOWS: FellowImporter,
}


def import_records(kind, table, *, commit):
    """Validate every row of ``table`` and, with ``commit`` and no errors, save
    them all in one transaction. Raises ImportFileError for a bad file."""
    with transaction.atomic():
        rows = IMPORTERS[kind](table).validate()
        result = ImportResult(rows=rows)
        if commit and not result.errors:
            try:
                for row in rows:
                    if row.action in ("create", "update"):
                        row.instance.save()
            except IntegrityError as error:
                # Another change to the same records landed while importing.
                raise ImportFileError(
                    "The records changed while importing; nothing was written. "
                    "Upload the file again."
                ) from error
            result.written = True
    return result
