"""Builds a realistic demo site. Idempotent: every object is looked up by a stable
key (a slug, a name or a username) before it is created, so a second run finds
everything in place and writes nothing."""

import datetime
import random

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Site

from cohorts.demo import good_practice as demo_good_practice
from cohorts.demo import measures as demo_measures
from cohorts.demo import showcase
from cohorts.models import (
    AccreditationStatus,
    Coach,
    CohortPage,
    Fellow,
    FellowIndexPage,
    FellowOutcome,
    FellowProjectFellow,
    FellowProjectPage,
    Organisation,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
)
from home.models import HomePage, SiteSettings, StandardPage
from modules.models import (
    LearningModulePage,
    LearningModuleSession,
    ModuleIndexPage,
)

from .accounts import load_accounts
from .data import (
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    MODULES,
    OUTCOME_TITLES,
    PROJECT_IDEAS,
    RUNNER,
    STANDARD_PAGES,
    STATUSES,
    TRUSTS,
    UNIVERSITY,
    UPDATE_TITLES,
)
from .feedback import load_feedback
from .indexing import indexed_at_the_end
from .kpis import load_kpis


def child_page(parent, model, slug, **fields):
    """The child of `parent` with `slug`, created (and published) if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


class DemoRefused(Exception):
    """The demo would publish known passwords on a site that is not in debug."""


class DemoLoader:
    """Loads the demo site; `run` says what it did through `write`."""

    def __init__(self, write):
        self.write = write

    @transaction.atomic
    def run(self, *, force=False, if_empty=False):
        if not (settings.DEBUG or force):
            raise DemoRefused(
                "load_demo creates accounts with published passwords: it runs only "
                "with DEBUG on, or with --force."
            )
        if if_empty and ProgrammePage.objects.exists():
            self.write("The site already has content: demo not loaded.")
            return
        with indexed_at_the_end():
            self.load()
        self.write(f"Demo content loaded: {self.created} objects created.")

    def load(self):
        self.random = random.Random(2012)  # noqa: S311 (the same demo every time)
        self.created = 0
        home = HomePage.objects.get(depth=2)
        self.load_site(home)
        organisations = self.load_organisations()
        statuses = self.load_statuses()
        coaches = self.load_coaches(organisations)
        modules = self.load_modules(home)
        main = self.load_programme(
            home,
            slug="quality-improvement-fellowship",
            title="Quality Improvement Fellowship",
            intro="A year-long, part-time fellowship for clinicians and managers who "
            "want to lead quality improvement in their own service.",
            organisations=organisations,
        )
        cohort_sizes = [(2012, 16), (2013, 17), (2014, 18), (2015, 19)]
        for year, size in cohort_sizes:
            cohort = self.load_cohort(main, year, modules)
            self.load_fellows(cohort, size, organisations, coaches, statuses)
        second = self.load_programme(
            home,
            slug="clinical-leadership-fellowship",
            title="Clinical Leadership Fellowship",
            intro="A shorter fellowship for senior clinicians leading improvement "
            "across organisations.",
            organisations=organisations,
        )
        cohort = self.load_cohort(second, 2016, modules[:3])
        self.load_fellows(cohort, 6, organisations, coaches, statuses)
        created, fellow = load_accounts()
        self.created += created
        self.load_submission(fellow)
        self.created += demo_good_practice.load(home)
        self.created += showcase.load_featured(home)
        self.created += showcase.load_resources(modules[0])
        self.created += load_feedback(fellow)
        self.created += load_kpis(main)

    def count(self, created):
        self.created += int(created)

    def load_site(self, home):
        site = Site.objects.get(is_default_site=True)
        if site.site_name != "Fellowship":
            site.site_name = "Fellowship"
            site.hostname = "127.0.0.1"
            site.port = 8000
            site.save()
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            site_settings.organisation_name = RUNNER[0]
            site_settings.footer_text = "Quality improvement fellowships since 2012."
            site_settings.contact_email = "fellowship@example.org"
            site_settings.save()
            self.count(True)
        if not home.intro:
            home.title = "Quality improvement fellowships"
            home.intro = (
                "Clinicians and managers spend a year leading a quality improvement "
                "project in their own service. Read their projects, what they "
                "measured and what they learned."
            )
            home.save_revision().publish()
            self.count(True)
        for slug, title, intro in STANDARD_PAGES:
            _, created = child_page(
                home,
                StandardPage,
                slug,
                title=title,
                intro=intro,
                show_in_menus=slug == "about",
            )
            self.count(created)
        _, created = child_page(
            home,
            FellowIndexPage,
            "fellows",
            title="Fellows",
            show_in_menus=True,
            intro="Fellows who have agreed to appear on this site.",
        )
        self.count(created)

    def load_organisations(self):
        organisations = {}
        for name, region in TRUSTS:
            organisations[name], created = Organisation.objects.get_or_create(
                name=name,
                defaults={"kind": Organisation.Kind.NHS_TRUST, "region": region},
            )
            self.count(created)
        for name, region, kind in [
            (*UNIVERSITY, Organisation.Kind.UNIVERSITY),
            (*RUNNER, Organisation.Kind.OTHER),
        ]:
            organisations[name], created = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "region": region}
            )
            self.count(created)
        return organisations

    def load_statuses(self):
        statuses = []
        for name, order, complete in STATUSES:
            status, created = AccreditationStatus.objects.get_or_create(
                name=name, defaults={"sort_order": order, "award_complete": complete}
            )
            statuses.append(status)
            self.count(created)
        return statuses

    def load_coaches(self, organisations):
        coaches = []
        trusts = [organisations[name] for name, _ in TRUSTS]
        for i, name in enumerate(
            [
                "Helen Marsh",
                "Robert Okafor",
                "Sian Pritchard",
                "Tom Beckett",
                "Anita Desai",
                "Gareth Hughes",
                "Lucy Fernandez",
                "Mark Whitaker",
            ]
        ):
            coach, created = Coach.objects.get_or_create(
                name=name,
                defaults={
                    "organisation": trusts[i % len(trusts)],
                    "bio": "An improvement coach with a background in "
                    f"{['nursing', 'medicine', 'operational management'][i % 3]}.",
                    "email": f"{slugify(name)}@example.org",
                },
            )
            coaches.append(coach)
            self.count(created)
        return coaches

    def load_modules(self, home):
        index, created = child_page(
            home,
            ModuleIndexPage,
            "modules",
            title="Learning modules",
            show_in_menus=True,
            intro="What fellows learn during the year, and when.",
        )
        self.count(created)
        modules = []
        for kind, title, summary in MODULES:
            module, created = child_page(
                index,
                LearningModulePage,
                slugify(title),
                title=title,
                kind=kind,
                summary=summary,
                learning_outcomes="<ul><li>Explain the main ideas of the module.</li>"
                "<li>Apply them to your own project.</li></ul>",
                facilitators="The programme faculty",
            )
            modules.append(module)
            self.count(created)
        return modules

    def load_programme(self, home, slug, title, intro, organisations):
        programme, created = child_page(
            home,
            ProgrammePage,
            slug,
            title=title,
            intro=intro,
            show_in_menus=True,
            run_by=organisations[RUNNER[0]],
            accreditation_partner=organisations[UNIVERSITY[0]],
        )
        self.count(created)
        return programme

    def load_cohort(self, programme, year, modules):
        cohort, created = child_page(
            programme,
            CohortPage,
            f"{year}-{(year + 1) % 100:02d}",
            title=f"Cohort {year}/{(year + 1) % 100:02d}",
            start_date=datetime.date(year, 9, 1),
            end_date=datetime.date(year + 1, 8, 31),
            intro=f"The fellows who joined in September {year}.",
        )
        self.count(created)
        for i, module in enumerate(modules):
            _, created = LearningModuleSession.objects.get_or_create(
                module=module,
                cohort=cohort,
                place=[
                    "Education centre, Northbridge",
                    "Online",
                    "Hallam Valley conference suite",
                ][i % 3],
                defaults={
                    "date": datetime.date(year, 9, 15) + datetime.timedelta(weeks=4 * i)
                },
            )
            self.count(created)
        return cohort

    def load_fellows(self, cohort, size, organisations, coaches, statuses):
        trusts = [organisations[name] for name, _ in TRUSTS]
        themes = list(Theme.objects.order_by("pk"))
        professions = list(Fellow.Profession)
        year = cohort.start_date.year
        for i in range(size):
            rnd = self.random
            name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            slug = f"{slugify(name)}-{year}-{i + 1}"
            profession = professions[(i + year) % len(professions)]
            fellow, created = Fellow.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "profession": profession,
                    "job_title": rnd.choice(JOB_TITLES[profession]),
                    "organisation": trusts[i % len(trusts)],
                    "cohort": cohort,
                    "coach": coaches[i % len(coaches)],
                    "accreditation_status": statuses[i % len(statuses)],
                    "accreditation_date": datetime.date(year + 1, 7, 1),
                    "public_consent": i % 7 != 3,
                    "bio": f"{name.split()[0]} joined the fellowship in {year} to "
                    "lead improvement in their own service.",
                    "email": f"{slug}@example.org",
                },
            )
            self.count(created)
            self.load_project(cohort, fellow, i, themes)
            if created and i % 3 == 0:
                kind = list(FellowOutcome.Kind)[i % len(FellowOutcome.Kind)]
                FellowOutcome.objects.create(
                    fellow=fellow,
                    kind=kind,
                    title=OUTCOME_TITLES[kind],
                    date=datetime.date(year + 1, 5 + i % 6, 1),
                )
                self.count(True)

    def load_project(self, cohort, fellow, i, themes):
        title, area, aim = PROJECT_IDEAS[
            (i + cohort.start_date.year) % len(PROJECT_IDEAS)
        ]
        year = cohort.start_date.year
        statuses = list(FellowProjectPage.Status)
        # The project's address and text never name the fellow: a fellow who
        # has not consented must not be identifiable from their project. Nor
        # do they name the organisation of a project whose only fellow has not
        # consented: the site does not publish it (public_organisation), and
        # with the cohort's count of fellows not named it would say where they
        # work. Such a title is the idea alone, which no other project of the
        # cohort has (the others name their organisation).
        project_title = title
        if fellow.public_consent:
            project_title = f"{title}: {fellow.organisation.name.split(' NHS')[0]}"
        project, created = child_page(
            cohort,
            FellowProjectPage,
            slugify(project_title),
            title=project_title,
            aim=f"{aim} {year + 1}.",
            problem=f"{area} teams told us this was a problem they wanted to fix, and "
            "the baseline data agreed.",
            status=statuses[(3 * i + i // 4 + year) % len(statuses)],
            clinical_area=area,
            organisation=fellow.organisation,
            start_date=datetime.date(year, 10, 1),
            end_date=datetime.date(year + 1, 7, 31),
            summary=f"A project in {area.lower()}: {aim[0].lower()}{aim[1:]}.",
        )
        self.count(created)
        if not created:
            return
        project.project_fellows.add(FellowProjectFellow(fellow=fellow))
        project.themes.set([themes[i % len(themes)]])
        project.save()
        for n in range(1 + i % 4):
            _, created = child_page(
                project,
                ProjectUpdatePage,
                f"update-{n + 1}",
                title=UPDATE_TITLES[n],
                date=datetime.date(year, 11, 1) + datetime.timedelta(days=60 * n),
                summary=f"{UPDATE_TITLES[n]}: what we did and what we learned.",
            )
            self.count(created)
        self.load_measures(project)

    def load_measures(self, project):
        """Measures with data, a driver diagram, PDSA cycles and progress scores,
        for the projects whose idea has them (cohorts/management/demo_measures.py)."""
        updates = ProjectUpdatePage.objects.child_of(project).order_by("date")
        self.created += demo_measures.load(project, list(updates))

    def load_submission(self, fellow):
        """A draft update by the demo fellow, waiting for staff review, so that the
        fellow's, the coach's and the staff dashboards all show something."""
        project = FellowProjectPage.objects.filter(
            project_fellows__fellow=fellow
        ).first()
        update, created = child_page(
            project,
            ProjectUpdatePage,
            "draft-for-review",
            title="Second PDSA cycle: night shift",
            date=datetime.date(project.start_date.year + 1, 2, 1),
            summary="We extended the change to the night shift. Draft for review.",
            live=False,
        )
        self.count(created)
        if created:
            update.save_revision(user=fellow.user)
            update.get_workflow().start(update, fellow.user)
