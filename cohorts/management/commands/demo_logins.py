from django.core.management.base import BaseCommand

from cohorts.demo.content import DEMO_ACCOUNTS

ROLES = {
    "admin": "superuser: everything",
    "staff": "programme staff: edit, moderate and report",
    "fellow": "a fellow: their own project and updates",
    "coach": "a coach: their fellows' drafts",
    "fellow2": "another fellow: cannot see the first fellow's drafts",
}


class Command(BaseCommand):
    help = "Print the development-only demo logins."

    def handle(self, *args, **options):
        self.stdout.write(
            "\nThe site: http://127.0.0.1:8000/   The admin: http://127.0.0.1:8000/admin/"
        )
        self.stdout.write("Demo logins (development only):")
        for username, password in DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {username:<7} {password:<20} {ROLES[username]}")
        self.stdout.write("")
