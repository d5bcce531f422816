"""A fellow works on their own pages the way any editor of a part of the page tree
does: the editor's preview, the page listing and the page search all answer
inside their project, and show nothing of another fellow's."""

import json

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils.html import escape

from wagtail.test.utils.form_data import inline_formset

from tests.factories import (
    MeasurePointFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
)

from .test_permissions import project_form, update_form

B_DRAFT = "Ben's unpublished PDSA cycle"


@pytest.fixture(autouse=True)
def draft_b(cast):
    """Fellow B's draft, which nothing of fellow A's may show."""
    draft = ProjectUpdatePageFactory(
        parent=cast.project_b, title=B_DRAFT, slug="bens-cycle", live=False
    )
    draft.save_revision(user=cast.fellow_b.user)
    return draft


def preview(client, page, data):
    """Post the editor's form to the preview, as the preview panel does, and
    open what it shows."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, data)
    return posted, client.get(url)


def test_fellow_previews_their_draft_in_the_editor(client, cast):
    client.force_login(cast.fellow_a.user)

    posted, shown = preview(
        client,
        cast.draft_a,
        update_form(title="First PDSA cycle, as typed", slug="first-pdsa"),
    )

    assert posted.status_code == 200
    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    assert "First PDSA cycle, as typed" in shown.content.decode()
    dated = BeautifulSoup(shown.content, "html.parser").find("time").parent
    assert dated.get_text(" ", strip=True).startswith("Draft, not yet published")


def test_fellow_previews_their_project_with_data_awaiting_approval(client, cast):
    measure = ProjectMeasureFactory(project=cast.project_a, name="Falls per month")
    MeasurePointFactory.create_batch(3, measure=measure, approved=True)
    MeasurePointFactory.create_batch(2, measure=measure, approved=False)
    client.force_login(cast.fellow_a.user)
    row = {
        field: getattr(measure, field) or ""
        for field in (
            "name",
            "kind",
            "operational_definition",
            "unit",
            "data_source",
            "frequency",
            "improvement_direction",
        )
    }

    _, shown = preview(
        client,
        cast.project_a,
        project_form(
            cast.project_a, measures=inline_formset([{"id": measure.pk, **row}])
        ),
    )

    html = shown.content.decode()
    assert shown.status_code == 200
    assert "This preview includes 2 data points awaiting approval" in html
    assert "Falls per month" in html


def test_fellow_cannot_preview_another_fellows_page(client, cast):
    client.force_login(cast.fellow_b.user)

    posted, shown = preview(
        client, cast.draft_a, update_form(title="Peeking", slug="first-pdsa")
    )

    assert posted.status_code in (302, 403)
    assert "First PDSA cycle" not in shown.content.decode()


def test_fellow_lists_the_pages_of_their_project(client, cast):
    client.force_login(cast.fellow_a.user)

    response = client.get(reverse("wagtailadmin_explore", args=[cast.project_a.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "First PDSA cycle" in html
    assert reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]) in html
    assert escape(B_DRAFT) not in html


def test_fellow_listing_elsewhere_goes_back_to_their_project(client, cast):
    client.force_login(cast.fellow_a.user)

    for page in (cast.project_b, cast.project_b.get_parent()):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))

        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_explore", args=[cast.project_a.pk])


@pytest.mark.parametrize("view", ["wagtailadmin_pages:search", "wagtailadmin_explore"])
def test_fellow_searches_their_own_pages_only(client, cast, view):
    client.force_login(cast.fellow_a.user)
    url = (
        reverse(view, args=[cast.project_a.pk])
        if view == "wagtailadmin_explore"
        else reverse(view)
    )

    response = client.get(url, {"q": "PDSA", "search_all": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "First PDSA cycle" in html
    assert escape(B_DRAFT) not in html
    assert escape(cast.project_b.title) not in html


def test_coach_has_no_page_listing(client, cast):
    """A coach reads their fellows' pages from the dashboard; the page listing
    and search are for those who edit."""
    client.force_login(cast.coach_a.user)

    response = client.get(reverse("wagtailadmin_explore", args=[cast.project_a.pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_fellow_workflow_report_lists_their_own_submissions_only(client, cast, draft_b):
    workflow = cast.project_a.get_workflow()
    workflow.start(cast.draft_a, cast.fellow_a.user)
    workflow.start(draft_b, cast.fellow_b.user)
    client.force_login(cast.fellow_a.user)

    response = client.get(reverse("wagtailadmin_reports:workflow"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "First PDSA cycle" in html
    assert escape(B_DRAFT) not in html
