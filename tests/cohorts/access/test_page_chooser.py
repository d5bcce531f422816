"""The page chooser offers a fellow or coach only their own projects, their
updates and the pages above them; programme staff choose among every page
(cohorts/permissions.py choosable_pages)."""

import pytest

from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Page

UNPUBLISHED_TITLE = "Ben's unannounced project"


@pytest.fixture
def cast(cast):
    """Fellow B's project is unpublished; only its draft has UNPUBLISHED_TITLE."""
    cast.project_b.unpublish()
    draft = Page.objects.get(pk=cast.project_b.pk).specific
    draft.title = UNPUBLISHED_TITLE
    draft.save_revision(user=cast.fellow_b.user)
    return cast


def search(client, query):
    return client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})


def browse(client, page, **params):
    return client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]), params)


def shown(response, title):
    return escape(title) in response.content.decode()


@pytest.mark.parametrize("role", ["fellow A", "coach of A"])
def test_search_offers_fellows_and_coaches_only_their_projects(client, cast, role):
    client.force_login(cast.user(role))

    response = search(client, "project")

    assert response.status_code == 200
    assert shown(response, cast.project_a.title)
    assert not shown(response, UNPUBLISHED_TITLE)
    assert not shown(response, cast.project_b.title)


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_search_offers_staff_every_page(client, cast, role):
    client.force_login(cast.user(role))

    response = search(client, "project")

    assert shown(response, cast.project_a.title)
    assert shown(response, UNPUBLISHED_TITLE)


@pytest.mark.parametrize("role", ["fellow A", "coach of A"])
def test_browsing_the_cohort_lists_only_their_project(client, cast, role):
    client.force_login(cast.user(role))

    response = browse(client, cast.project_a.get_parent())

    assert response.status_code == 200
    assert shown(response, cast.project_a.title)
    assert not shown(response, UNPUBLISHED_TITLE)


def test_fellow_browses_their_project_and_its_updates(client, cast):
    client.force_login(cast.fellow_a.user)

    response = browse(client, cast.project_a)

    assert shown(response, cast.project_a.title)
    assert shown(response, "First PDSA cycle")


@pytest.mark.parametrize("role", ["fellow A", "coach of A", "fellow B"])
def test_fellows_and_coaches_cannot_browse_from_someone_elses_page(client, cast, role):
    other = {"fellow A": "project_b", "coach of A": "project_b", "fellow B": "draft_a"}
    client.force_login(cast.user(role))

    response = browse(client, getattr(cast, other[role]))

    assert response.status_code in (302, 403)
    assert not shown(response, UNPUBLISHED_TITLE)
    assert not shown(response, "First PDSA cycle")


def test_fellow_cannot_browse_by_page_type_from_the_root(client, cast):
    """Wagtail would open it at the page above every page of the type: with
    updates under B's project only, at B's project."""
    client.force_login(cast.fellow_a.user)
    Page.objects.get(pk=cast.draft_a.pk).delete()

    response = client.get(
        reverse("wagtailadmin_choose_page"), {"page_type": "cohorts.projectupdatepage"}
    )

    assert response.status_code in (302, 403)
    assert not shown(response, UNPUBLISHED_TITLE)


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_staff_browse_every_page(client, cast, role):
    client.force_login(cast.user(role))

    response = browse(client, cast.project_a.get_parent())

    assert shown(response, cast.project_a.title)
    assert shown(response, UNPUBLISHED_TITLE)
    assert browse(client, cast.project_b).status_code == 200
