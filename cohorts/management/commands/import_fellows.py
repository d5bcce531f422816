"""Import fellows (or coaches, or organisations) from a CSV or XLSX file.

    manage.py import_fellows fellows.xlsx
    manage.py import_fellows coaches.csv --kind coaches --dry-run

The same checks as the admin import: if any row is wrong, every problem is
printed, nothing is written and the command exits with status 1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cohorts.imports.records import Kind, import_records
from cohorts.spreadsheets import ImportFileError, read_table


class Command(BaseCommand):
    help = "Import fellows, coaches or organisations from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--kind",
            choices=Kind.values,
            default=Kind.FELLOWS,
            help="What the file lists (default: fellows).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, writing nothing.",
        )

    def handle(self, *args, file, kind, dry_run, **options):
        try:
            with file.open("rb") as stream:
                table = read_table(file.name, stream)
            result = import_records(kind, table, commit=not dry_run)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(f"{file}: {error} Nothing was written.") from error
        if result.errors:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(
                f"{len(result.errors)} problem(s) in {file}. Nothing was written."
            )
        if dry_run:
            self.stdout.write(
                f"Dry run, nothing written. Would import: {result.summary}."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {result.summary}."))
