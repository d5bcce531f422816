from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database (from "
        "DATABASE_URL) and copy its media files into MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup's folder, backups/<stamp>/.")

    def handle(self, *args, backup, **options):
        try:
            restore(backup)
        except BackupError as error:
            raise CommandError(error) from None
        self.stdout.write(
            f"Restored {backup}. Run `manage.py migrate` if this code is newer "
            "than the backup."
        )
