from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, back_up


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite or PostgreSQL, from DATABASE_URL) and the "
        "media folder into backups/<UTC date and time>/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=settings.BASE_DIR / "backups",
            help="Where to make the backup's folder (default: backups/).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            folder = back_up(output_dir)
        except BackupError as error:
            raise CommandError(error) from None
        self.stdout.write(f"Backed up the database and the media folder to {folder}")
