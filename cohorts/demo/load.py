"""Load data: a national programme's worth of made-up content on top of the
demo (`manage.py generate_load_data --scale large`), for query budgets and
`make bench` (docs/performance.md).

Everything is written in bulk. Pages cannot go through ``bulk_create`` (they
inherit from Page in a second table, and treebeard numbers their paths), so
``PageWriter`` numbers each new child's treebeard path after its parent's
last child, inserts the Page rows in one statement per batch and then the
rows of the page type's own table with the same ids. The pages are live and
have no revisions (the first edit in the admin makes one). The search index
is written in bulk afterwards, by Wagtail's own ``add_bulk``.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cohorts.models import (
    AccreditationStatus,
    Coach,
    CohortPage,
    Fellow,
    FellowOutcome,
    FellowProjectFellow,
    FellowProjectPage,
    MeasurePoint,
    Organisation,
    ProgrammePage,
    ProjectMeasure,
    ProjectUpdatePage,
    Theme,
)
from home.models import HomePage

from .content import DemoLoader, DemoRefused
from .data import FIRST_NAMES, JOB_TITLES, LAST_NAMES, OUTCOME_TITLES, PROJECT_IDEAS

BATCH = 500


@dataclass(frozen=True)
class Scale:
    programmes: int
    cohorts_per_programme: int
    fellows_per_cohort: int
    updates_per_project: int
    measures_per_project: int
    points_per_measure: int
    outcomes: int

    @property
    def cohorts(self):
        return self.programmes * self.cohorts_per_programme

    @property
    def fellows(self):
        return self.cohorts * self.fellows_per_cohort

    @property
    def updates(self):
        return self.fellows * self.updates_per_project

    @property
    def points(self):
        return self.fellows * self.measures_per_project * self.points_per_measure


SCALES = {
    # 50 cohorts, 2,000 fellows each with a project, 20,000 updates, 200,000
    # measure points and 5,000 outcome records.
    "large": Scale(5, 10, 40, 10, 2, 50, 5000),
    "small": Scale(1, 2, 3, 2, 2, 5, 4),
}


def steps(start, count):
    """Treebeard's path steps (base 36, four characters) after ``start``."""
    alphabet = Page.alphabet
    for number in range(start + 1, start + count + 1):
        step = ""
        while number:
            number, digit = divmod(number, len(alphabet))
            step = alphabet[digit] + step
        yield step.rjust(Page.steplen, alphabet[0])


class PageWriter:
    """Writes new live child pages under parents, in bulk."""

    def __init__(self):
        self.locale = Locale.get_default()
        self.now = timezone.now()

    def add_children(self, model, children_by_parent):
        """``children_by_parent``: [(parent, [unsaved page of ``model``])]."""
        content_type = ContentType.objects.get_for_model(model)
        pages = []
        for parent, children in children_by_parent:
            last = (
                Page.objects.filter(
                    path__startswith=parent.path, depth=parent.depth + 1
                )
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            start = int(last[-Page.steplen :], 36) if last else 0
            for page, step in zip(children, steps(start, len(children)), strict=True):
                page.path = parent.path + step
                page.depth = parent.depth + 1
                page.numchild = 0
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.content_type = content_type
                page.locale = self.locale
                page.live = True
                page.draft_title = page.title
                page.first_published_at = page.last_published_at = self.now
                pages.append(page)
            Page.objects.filter(pk=parent.pk).update(
                numchild=parent.numchild + len(children)
            )
            parent.numchild += len(children)
        page_fields = [
            field
            for field in Page._meta.concrete_fields
            if not field.primary_key and field.attname != "id"
        ]
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            rows = [
                Page(
                    **{
                        field.attname: getattr(page, field.attname)
                        for field in page_fields
                    }
                )
                for page in batch
            ]
            Page.objects.bulk_create(rows)
            for page, row in zip(batch, rows, strict=True):
                page.page_ptr_id = page.pk = row.pk
            model._base_manager._insert(
                batch, fields=model._meta.local_concrete_fields, using="default"
            )
        return pages


class LoadDataGenerator:
    """Generates the content of one scale; ``write`` reports progress."""

    def __init__(self, scale, write):
        self.scale = SCALES[scale]
        self.write = write
        self.random = random.Random(13)  # noqa: S311 (the same data every time)

    def run(self, *, force=False):
        if not (settings.DEBUG or force):
            raise DemoRefused(
                "generate_load_data loads the demo, whose accounts have published "
                "passwords: it runs only with DEBUG on, or with --force."
            )
        if not ProgrammePage.objects.exists():
            self.write("Loading the demo first (the site's pages and accounts)...")
            DemoLoader(lambda message: None).run(force=True)
        with transaction.atomic():
            self.generate()
        self.write("Indexing for search...")
        self.index()
        self.write("Done.")

    def generate(self):
        scale = self.scale
        pages = PageWriter()
        home = HomePage.objects.get(depth=2)
        organisations = list(Organisation.objects.all())
        statuses = list(AccreditationStatus.objects.all())
        coaches = list(Coach.objects.all())
        themes = list(Theme.objects.all())
        number = ProgrammePage.objects.count()

        programmes = pages.add_children(
            ProgrammePage,
            [
                (
                    home,
                    [
                        ProgrammePage(
                            title=f"Load test programme {number + n}",
                            slug=f"load-test-programme-{number + n}",
                            intro="A made-up national programme for load tests.",
                            run_by=self.random.choice(organisations),
                        )
                        for n in range(1, scale.programmes + 1)
                    ],
                )
            ],
        )
        self.write(f"{len(programmes)} programmes")
        cohorts = pages.add_children(
            CohortPage,
            [
                (
                    programme,
                    [
                        CohortPage(
                            title=f"Cohort {2000 + year}/{(year + 1) % 100:02d}",
                            slug=f"cohort-{2000 + year}",
                            start_date=datetime.date(2000 + year, 9, 1),
                            end_date=datetime.date(2001 + year, 8, 31),
                            intro="Fellows of this year.",
                        )
                        for year in range(scale.cohorts_per_programme)
                    ],
                )
                for programme in programmes
            ],
        )
        self.write(f"{len(cohorts)} cohorts")

        fellows = []
        for cohort in cohorts:
            for n in range(scale.fellows_per_cohort):
                first, last = (
                    self.random.choice(FIRST_NAMES),
                    self.random.choice(LAST_NAMES),
                )
                name = f"{first} {last}"
                profession = self.random.choice(list(JOB_TITLES))
                fellows.append(
                    Fellow(
                        name=name,
                        slug=f"{slugify(name)}-{cohort.pk}-{n}",
                        profession=profession,
                        job_title=self.random.choice(JOB_TITLES[profession]),
                        organisation=self.random.choice(organisations),
                        cohort=cohort,
                        coach=self.random.choice(coaches) if coaches else None,
                        accreditation_status=self.random.choice(statuses),
                        public_consent=self.random.random() < 0.9,
                        bio="A made-up fellow for load tests.",
                    )
                )
        Fellow.objects.bulk_create(fellows, batch_size=BATCH)
        self.write(f"{len(fellows)} fellows")

        projects_by_cohort = []
        for cohort in cohorts:
            projects = []
            for n in range(scale.fellows_per_cohort):
                title, area, aim = self.random.choice(PROJECT_IDEAS)
                projects.append(
                    FellowProjectPage(
                        title=f"{title} ({n + 1})",
                        slug=f"{slugify(title)}-{n + 1}",
                        aim=aim,
                        problem="A made-up problem for load tests.",
                        summary=f"{title}: a made-up project in {area.lower()}.",
                        clinical_area=area,
                        status=self.random.choice(FellowProjectPage.Status.values),
                        organisation=self.random.choice(organisations),
                        start_date=cohort.start_date,
                        end_date=cohort.end_date,
                    )
                )
            projects_by_cohort.append((cohort, projects))
        projects = pages.add_children(FellowProjectPage, projects_by_cohort)
        FellowProjectFellow.objects.bulk_create(
            [
                FellowProjectFellow(project=project, fellow=fellow, sort_order=0)
                for project, fellow in zip(projects, fellows, strict=True)
            ],
            batch_size=BATCH,
        )
        Themes = FellowProjectPage.themes.through
        Themes.objects.bulk_create(
            [
                Themes(fellowprojectpage_id=project.pk, theme_id=theme.pk)
                for project in projects
                for theme in self.random.sample(themes, k=min(2, len(themes)))
            ],
            batch_size=BATCH,
        )
        self.write(f"{len(projects)} projects")

        updates = pages.add_children(
            ProjectUpdatePage,
            [
                (
                    project,
                    [
                        ProjectUpdatePage(
                            title=f"Update {n + 1}: PDSA cycle {n + 1}",
                            slug=f"update-{n + 1}",
                            date=project.start_date + datetime.timedelta(days=30 * n),
                            summary="What we tested this month and what we saw.",
                            progress_score=Decimal(str(min(5, 0.5 + n // 2 * 0.5))),
                        )
                        for n in range(scale.updates_per_project)
                    ],
                )
                for project in projects
            ],
        )
        self.write(f"{len(updates)} updates")

        measures = ProjectMeasure.objects.bulk_create(
            [
                ProjectMeasure(
                    project=project,
                    sort_order=n,
                    name=f"Measure {n + 1}",
                    kind=[ProjectMeasure.Kind.OUTCOME, ProjectMeasure.Kind.PROCESS][
                        n % 2
                    ],
                    operational_definition="Counted weekly from the ward's records.",
                    unit="per week",
                    unit_kind=ProjectMeasure.UnitKind.COUNT,
                    data_source="Ward records",
                    frequency=ProjectMeasure.Frequency.WEEKLY,
                    improvement_direction=ProjectMeasure.Direction.LOWER,
                )
                for project in projects
                for n in range(scale.measures_per_project)
            ],
            batch_size=BATCH,
        )
        monday = datetime.date(2000, 1, 3)
        points = 0
        batch = []
        for measure in measures:
            level = self.random.uniform(10, 40)
            for week in range(scale.points_per_measure):
                if week == scale.points_per_measure // 2:
                    level *= 0.7  # the change works
                batch.append(
                    MeasurePoint(
                        measure=measure,
                        period=monday + datetime.timedelta(weeks=week),
                        value=Decimal(f"{max(0, self.random.gauss(level, 3)):.1f}"),
                        approved=True,
                    )
                )
            if len(batch) >= 100 * BATCH:
                points += len(MeasurePoint.objects.bulk_create(batch, batch_size=BATCH))
                batch = []
                self.write(f"{points} measure points...")
        points += len(MeasurePoint.objects.bulk_create(batch, batch_size=BATCH))
        self.write(f"{points} measure points")

        kinds = list(OUTCOME_TITLES)
        outcomes = FellowOutcome.objects.bulk_create(
            [
                FellowOutcome(
                    fellow=self.random.choice(fellows),
                    kind=(kind := self.random.choice(kinds)),
                    title=OUTCOME_TITLES[kind],
                    date=datetime.date(2000 + self.random.randrange(10), 6, 1),
                )
                for _ in range(scale.outcomes)
            ],
            batch_size=BATCH,
        )
        self.write(f"{len(outcomes)} outcome records")
        self.generated = {
            ProgrammePage: programmes,
            CohortPage: cohorts,
            FellowProjectPage: projects,
            ProjectUpdatePage: updates,
            Fellow: fellows,
        }

    def index(self):
        """The new pages and fellows in the search index, in bulk."""
        backend = get_search_backend()
        for model, objects in self.generated.items():
            ids = [obj.pk for obj in objects]
            for start in range(0, len(ids), BATCH):
                backend.add_bulk(
                    model, model.objects.filter(pk__in=ids[start : start + BATCH])
                )
            self.write(f"indexed {len(ids)} {model._meta.verbose_name_plural}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the query planner's statistics
