import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands.runserver import Command as Runserver
from django.core.management.commands.runserver import naiveip_re

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
        site = f"http://{served_address(address)}/"
        self.stdout.write(f"\nThe site: {site}   The admin: {site}admin/")
        if mail := getattr(settings, "EMAIL_FILE_PATH", None):
            self.stdout.write(f"Email the site sends is saved in {mail}/")
        self.stdout.write("Demo logins (development only):")
        for username, password in DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {username:<7} {password:<20} {ROLES[username]}")
        self.stdout.write("")


def served_address(address):
    """The host:port runserver serves for its ``addrport`` argument: a port
    alone is on runserver's default address."""
    match = re.match(naiveip_re, address)
    if match is None:
        raise CommandError(f"'{address}' is not a host:port or a port.")
    host, _, ipv6, _, port = match.groups()
    host = host or Runserver.default_addr
    return f"[{host}]:{port}" if ipv6 else f"{host}:{port}"
