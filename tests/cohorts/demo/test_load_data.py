"""generate_load_data writes the small scale's numbers in bulk, in a tree that
treebeard finds sound, with pages that render and are found by search."""

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from cohorts.demo.load import SCALES
from cohorts.models import (
    CohortPage,
    Fellow,
    FellowOutcome,
    FellowProjectPage,
    MeasurePoint,
    ProgrammePage,
    ProjectUpdatePage,
)
from tests.conftest import kept_for_scope

SMALL = SCALES["small"]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo and the small scale, loaded once for this module's tests."""
    with kept_for_scope(django_db_blocker):
        call_command("load_demo", force=True, verbosity=0)
        before = counts()
        call_command("generate_load_data", scale="small", force=True, verbosity=0)
        yield before


def counts():
    return {
        "programmes": ProgrammePage.objects.count(),
        "cohorts": CohortPage.objects.count(),
        "fellows": Fellow.objects.count(),
        "projects": FellowProjectPage.objects.count(),
        "updates": ProjectUpdatePage.objects.count(),
        "points": MeasurePoint.objects.count(),
        "outcomes": FellowOutcome.objects.count(),
    }


def test_small_scale_adds_its_numbers(loaded, db):
    after = counts()
    added = {name: after[name] - loaded[name] for name in after}

    assert added == {
        "programmes": SMALL.programmes,
        "cohorts": SMALL.cohorts,
        "fellows": SMALL.fellows,
        "projects": SMALL.fellows,
        "updates": SMALL.updates,
        "points": SMALL.points,
        "outcomes": SMALL.outcomes,
    }


def test_the_tree_is_sound(loaded, db):
    assert Page.find_problems() == ([], [], [], [], [])
    programme = ProgrammePage.objects.get(slug__startswith="load-test-programme")
    cohort = CohortPage.objects.child_of(programme).first()
    assert programme.get_children().count() == SMALL.cohorts_per_programme
    assert programme.numchild == SMALL.cohorts_per_programme
    assert cohort.get_children().count() == SMALL.fellows_per_cohort
    assert cohort.get_parent().specific == programme


@pytest.mark.parametrize("model", [CohortPage, FellowProjectPage, ProjectUpdatePage])
def test_generated_pages_render(loaded, db, client, model):
    page = model.objects.order_by("-pk").first()

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_generated_projects_are_found_by_search(loaded, db, client):
    project = FellowProjectPage.objects.order_by("-pk").first()
    word = project.title.split()[0]

    response = client.get("/search/", {"q": word})

    assert project.title in response.content.decode()


def test_refuses_without_debug(loaded, db):
    before = counts()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_load_data", scale="small", verbosity=0)
    assert counts() == before
