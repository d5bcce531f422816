from django.conf import settings
from django.core.management.base import BaseCommand

from cohorts.demo.accounts import DEMO_ACCOUNTS

ROLES = {
    "admin": "superuser: everything",
    "staff": "programme staff: edit, moderate and report",
    "fellow": "a fellow: their own project and updates",
    "coach": "a coach: their fellows' drafts",
    "fellow2": "another fellow: cannot see the first fellow's drafts",
}


class Command(BaseCommand):
    help = "Print the development-only demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="The host:port the server listens on (make run passes its HOST).",
        )

    def handle(self, *args, address, **options):
        site = f"http://{address}/"
        self.stdout.write(f"\nThe site: {site}   The admin: {site}admin/")
        if mail := getattr(settings, "EMAIL_FILE_PATH", None):
            self.stdout.write(f"Email the site sends is saved in {mail}/")
        self.stdout.write("Demo logins (development only):")
        for username, password in DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {username:<7} {password:<20} {ROLES[username]}")
        self.stdout.write("")
