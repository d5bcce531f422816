"""The page above a page, from tree paths (cohorts/models/tree.py)."""

import pytest

from wagtail.models import Page

from cohorts.models import (
    CohortPage,
    FellowProjectPage,
    ParentPath,
    ancestor_paths,
    parent_path,
    parent_value,
)
from tests.factories import (
    CohortPageFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def update():
    return ProjectUpdatePageFactory(parent=FellowProjectPageFactory(title="Falls"))


def test_parent_path_is_the_path_of_the_page_above(update):
    assert Page.objects.get(path=parent_path(update.path)).title == "Falls"


def test_ancestor_paths_are_every_page_above_root_first(update):
    expected = [page.path for page in update.get_ancestors()]
    assert ancestor_paths(update.path) == expected


def test_parent_path_in_a_query_finds_each_projects_cohort(update):
    project = FellowProjectPage.objects.annotate(cohort_path=ParentPath()).get()
    assert project.cohort_path == project.get_parent().path
    assert project.cohort == CohortPage.objects.get()


def test_parent_value_annotates_the_page_above(update):
    project = FellowProjectPage.objects.annotate(
        cohort_id=parent_value(CohortPage)
    ).get()
    assert project.cohort_id == CohortPage.objects.get().pk


def test_a_cohort_is_named_with_its_programme_outside_it(count_queries):
    programme = ProgrammePageFactory(title="Clinical Leadership Fellowship")
    CohortPageFactory(parent=programme, title="Cohort 2016/17")
    cohort = CohortPage.objects.get()
    assert cohort.full_title == "Clinical Leadership Fellowship – Cohort 2016/17"
    listed = CohortPage.objects.with_programme_title()
    assert count_queries(lambda: [c.full_title for c in listed]) == 1
    assert [c.full_title for c in listed] == [cohort.full_title]
