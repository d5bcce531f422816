from django.core.management.base import BaseCommand, CommandError

from cohorts.demo.content import DemoLoader, DemoRefused


class Command(BaseCommand):
    help = "Load the demo programmes, cohorts, fellows and accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have public passwords.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has a programme.",
        )

    def handle(self, *args, force, if_empty, **options):
        try:
            DemoLoader(self.stdout.write).run(force=force, if_empty=if_empty)
        except DemoRefused as error:
            raise CommandError(str(error)) from error
