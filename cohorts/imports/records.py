"""Bulk import of organisations, coaches and fellows from a CSV or XLSX file.

cohorts.spreadsheets reads the file; each row is then checked with the models'
own field validation (``full_clean``), so the import accepts what the admin
forms accept. The admin views (cohorts/imports/views.py) and ``manage.py
import_fellows`` both call ``read_table()`` then ``import_records()``.

- Atomic: nothing is written unless every row is valid, and the rows are saved
  in one transaction.
- Idempotent: each row is matched to an existing record by a stable key
  (organisations by name; coaches by email, else name; fellows by email, else
  slug), so importing the same file twice updates instead of duplicating.
- Bounded: the reader refuses files over its size and row limits unread.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

from cohorts.models import AccreditationStatus, Coach, CohortPage, Fellow, Organisation
from cohorts.spreadsheets import ImportFileError

from .rows import (
    ImportResult,
    RowError,
    RowProblems,
    RowResult,
    check_columns,
    choice_value,
    heading,
    parse_date,
    parse_yes_no,
    shown,
)


class Kind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    COACHES = "coaches", "Coaches"
    FELLOWS = "fellows", "Fellows"


class Lookup:
    """Existing records by a case-insensitive name, loaded in one query. Each
    key is an attribute name or a function of the record; ``name`` says how a
    record is named when a text matches more than one."""

    def __init__(self, label, objects, *keys, name=str):
        self.label = label
        self.name = name
        self.by_key = {}
        for obj in objects:
            for key in keys:
                value = key(obj) if callable(key) else getattr(obj, key)
                if value and obj not in self.by_key.get(value.lower(), []):
                    self.by_key.setdefault(value.lower(), []).append(obj)

    def get(self, column, text, hint=""):
        if not text:
            return None
        matches = self.by_key.get(" ".join(text.split()).lower(), [])
        if not matches:
            raise RowError(f"{column}: there is no {self.label} called '{text}'.")
        if len(matches) > 1:
            choices = "; ".join(sorted(f"'{self.name(obj)}'" for obj in matches))
            raise RowError(
                f"{column}: '{text}' matches more than one {self.label} "
                f"({choices}). {hint}".rstrip()
            )
        return matches[0]


def cohort_lookup():
    """Cohorts by "Programme, en dash, Cohort" (or a plain hyphen), by slug,
    or by their bare title where only one programme has it."""
    return Lookup(
        "cohort",
        CohortPage.objects.with_programme_title(),
        "title",
        "slug",
        "full_title",
        lambda cohort: cohort.full_title.replace("\N{EN DASH}", "-"),
        name=lambda cohort: cohort.full_title,
    )


class RecordImporter:
    model: type[models.Model]
    required_columns: tuple[str, ...] = ("name",)
    optional_columns: tuple[str, ...] = ()
    # Model fields the importer sets from other records; full_clean skips them
    # because they are resolved (and so validated) by the lookups.
    related_fields: tuple[str, ...] = ()
    # Fields made from other cells (a fellow's slug from their name): not
    # checked again when the row already has a problem.
    derived_fields: tuple[str, ...] = ()

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
        rows = [self.validate_row(number, values) for number, values in self.table.rows]
        return ImportResult(
            rows=rows, headings=[heading(c) for c in self.table.headers]
        )

    def validate_row(self, number, values):
        """The row's result, with every problem found in it (RowProblems)."""
        result = RowResult(number=number, values=values)
        problems = RowProblems()
        for column in self.required_columns:
            if not self.text(values, column):
                problems.add(f"{column}: this cell is empty.")
        instance = before = None
        with problems.cell():
            instance = self.find(values)
            before = self.snapshot(instance) if instance else None
        instance = instance or self.model()
        keys = self.fill(instance, values, problems)
        for key in keys:
            if not key[1]:
                continue
            if key in self.seen:
                problems.add(
                    f"duplicates row {self.seen[key]} ('{key[1]}' appears twice)."
                )
            else:
                self.seen[key] = number
        derived = self.derived_fields if problems.messages else ()
        try:
            instance.full_clean(
                exclude=[*self.related_fields, *derived, "user", "photo"]
            )
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    problems.add(f"{column}: {message}")
        result.errors = problems.messages
        bad = {message.partition(":")[0] for message in result.errors}
        result.preview_cells = [
            values.get(column, "") if column in bad else self.display(instance, column)
            for column in self.table.headers
        ]
        if result.errors:
            return result
        result.instance = instance
        if before is None:
            result.action = "create"
        else:
            after = self.snapshot(instance)
            result.changes = [name for name in after if after[name] != before[name]]
            result.action = "update" if result.changes else "unchanged"
        return result

    @staticmethod
    def display(instance, column):
        """The value the row writes to ``column``, as the preview shows it."""
        if instance._meta.get_field(column).choices:
            return getattr(instance, f"get_{column}_display")()
        return shown(getattr(instance, column))

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

    def fill(self, instance, values, problems):
        """Set the row's values on the instance, each cell read inside
        ``problems.cell()``; return the keys that must be unique within the
        file."""
        raise NotImplementedError


class OrganisationImporter(RecordImporter):
    model = Organisation
    optional_columns = ("kind", "region")

    def __init__(self, table):
        super().__init__(table)
        self.existing = {o.name.lower(): o for o in Organisation.objects.all()}

    def find(self, values):
        return self.existing.get(self.text(values, "name").lower())

    def fill(self, organisation, values, problems):
        name = self.text(values, "name")
        organisation.name = name
        if self.text(values, "kind"):
            with problems.cell():
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

    def fill(self, coach, values, problems):
        name = self.text(values, "name")
        email = self.text(values, "email")
        coach.name = name
        if "email" in values:
            coach.email = email
        if "organisation" in values:
            with problems.cell():
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
    derived_fields = ("slug",)

    def __init__(self, table):
        super().__init__(table)
        fellows = list(Fellow.objects.all())
        self.by_email = {f.email.lower(): f for f in fellows if f.email}
        self.by_slug = {f.slug: f for f in fellows}
        self.organisations = Lookup("organisation", Organisation.objects.all(), "name")
        self.cohorts = cohort_lookup()
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

    def fill(self, fellow, values, problems):
        email = self.text(values, "email")
        fellow.name = self.text(values, "name")
        # A fellow's slug is their public address: a new name in the file does
        # not move an existing fellow; only a slug column does.
        if self.text(values, "slug") or not fellow.pk:
            fellow.slug = self.slug(values)
        with problems.cell():
            fellow.profession = choice_value(
                Fellow.Profession.choices, "profession", self.text(values, "profession")
            )
        for column in ("email", "job_title", "bio"):
            if column in values:
                setattr(fellow, column, self.text(values, column))
        self.set_related(fellow, values, problems)
        if "accreditation_date" in values:
            text = self.text(values, "accreditation_date")
            with problems.cell():
                fellow.accreditation_date = (
                    parse_date("accreditation_date", text) if text else None
                )
        if "public_consent" in values:
            with problems.cell():
                fellow.public_consent = parse_yes_no(
                    "public_consent", self.text(values, "public_consent")
                )
        return [("slug", fellow.slug), *([("email", email.lower())] if email else [])]

    def set_related(self, fellow, values, problems):
        lookups = {
            "organisation": (self.organisations, ""),
            "cohort": (self.cohorts, "Write it as 'Programme – Cohort'."),
            "coach": (self.coaches, "Use the coach's email instead."),
            "accreditation_status": (self.statuses, ""),
        }
        for column, (lookup, hint) in lookups.items():
            if column in values:
                with problems.cell():
                    setattr(
                        fellow,
                        column,
                        lookup.get(column, self.text(values, column), hint),
                    )


IMPORTERS = {
    Kind.ORGANISATIONS: OrganisationImporter,
    Kind.COACHES: CoachImporter,
    Kind.FELLOWS: FellowImporter,
}


def import_records(kind, table, *, commit, progress=None):
    """Validate every row of ``table`` and, with ``commit`` and no errors, save
    them all in one transaction, calling ``progress(rows_done)`` after each
    row. Raises ImportFileError for a bad file."""
    with transaction.atomic():
        result = IMPORTERS[kind](table).validate()
        if commit and not result.errors:
            try:
                for done, row in enumerate(result.rows, 1):
                    if row.action in ("create", "update"):
                        row.instance.save()
                    if progress:
                        progress(done)
            except IntegrityError as error:
                # Another change to the same records landed while importing.
                raise ImportFileError(
                    "The records changed while importing; nothing was written. "
                    "Upload the file again."
                ) from error
            result.written = True
    return result
