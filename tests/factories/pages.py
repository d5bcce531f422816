"""Page factories mirror the tree: Home → Programme → Cohort → Project → Update,
and Home → Module index → Learning module. Pass `parent=` to place a page."""

import datetime

import factory

import wagtail_factories

from cohorts.models import (
    CohortPage,
    FellowIndexPage,
    FellowProjectPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    ProgrammePage,
    ProjectUpdatePage,
    Theme,
)
from home.models import HomePage, StandardPage
from modules.models import LearningModulePage, ModuleIndexPage, ModuleKind


def home_page():
    return HomePage.objects.get(depth=2)


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "About the programme"
    intro = "Who we are and what we do."
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = StandardPage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Quality improvement fellowship {n}")
    intro = "A year-long fellowship in quality improvement."
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = ProgrammePage


class CohortPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Cohort {n}")
    start_date = datetime.date(2014, 9, 1)
    end_date = datetime.date(2015, 8, 31)
    intro = "Fellows of this year."
    parent = factory.SubFactory(ProgrammePageFactory)

    class Meta:
        model = CohortPage


class FellowProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fewer missed doses on ward {n}")
    aim = "Halve the number of missed doses on the ward by March 2015."
    problem = "Missed doses delay recovery."
    summary = "Checking drug charts at every handover."
    status = FellowProjectPage.Status.TESTING
    parent = factory.SubFactory(CohortPageFactory)

    class Meta:
        model = FellowProjectPage


class ProjectUpdatePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Update {n}")
    date = datetime.date(2015, 1, 15)
    summary = "We tested hourly rounding on the night shift."
    parent = factory.SubFactory(FellowProjectPageFactory)

    class Meta:
        model = ProjectUpdatePage


class FellowIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fellows"
    slug = "fellows"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = FellowIndexPage


class ModuleIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Learning modules {n}")
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = ModuleIndexPage


class LearningModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    kind = ModuleKind.IMPROVEMENT_SCIENCE
    summary = "The Model for Improvement, measurement and PDSA cycles."
    parent = factory.SubFactory(ModuleIndexPageFactory)

    class Meta:
        model = LearningModulePage


class GoodPracticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Good practice"
    slug = "good-practice"
    intro = "Examples of good practice, under four themes."
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = GoodPracticeIndexPage


class GoodPracticePageFactory(wagtail_factories.PageFactory):
    """A published example under the first good-practice theme; pass
    ``themes=[...]`` for others."""

    title = factory.Sequence(lambda n: f"Carers teach on the ward {n}")
    summary = "Family carers teach ward teams about discharge."
    what_was_done = "Carers joined the monthly teaching."
    evidence = "Written discharge plans rose from 40% to 85%."
    organisation_name = "Northfield Carers' Forum"
    contact_email = factory.Sequence(lambda n: f"private.contact{n}@example.org")
    parent = factory.LazyFunction(
        lambda: GoodPracticeIndexPage.objects.first() or GoodPracticeIndexPageFactory()
    )

    class Meta:
        model = GoodPracticePage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        page.themes.set(
            extracted or Theme.objects.filter(good_practice=True).order_by("name")[:1]
        )
        if create:
            page.save_revision().publish()
