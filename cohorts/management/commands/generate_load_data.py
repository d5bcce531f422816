from django.core.management.base import BaseCommand, CommandError

from cohorts.demo.content import DemoRefused
from cohorts.demo.load import SCALES, LoadDataGenerator


class Command(BaseCommand):
    help = (
        "Add made-up programmes, cohorts, fellows, projects, updates, measure data "
        "and outcome records on top of the demo, in bulk (docs/performance.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have public passwords.",
        )

    def handle(self, *args, scale, force, **options):
        try:
            LoadDataGenerator(scale, self.stdout.write).run(force=force)
        except DemoRefused as error:
            raise CommandError(str(error)) from error
