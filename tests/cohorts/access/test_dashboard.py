"""The admin dashboard of a fellow and of a coach."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from tests.cohorts.roles import build_cast
from tests.factories import ProjectUpdatePageFactory

from .test_moderation import act
from .test_permissions import update_form


@pytest.fixture
def cast(db):
    return build_cast()


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_fellow_sees_their_project_with_edit_and_add_links(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert escape(cast.project_a.title) in html
    assert reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]) in html
    assert (
        reverse(
            "wagtailadmin_pages:add",
            args=["cohorts", "projectupdatepage", cast.project_a.pk],
        )
        in html
    )
    assert escape(cast.project_b.title) not in html


def test_fellow_sees_their_coach(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert "Helen Marsh" in html
    assert "Robert Okafor" not in html


def test_fellow_sees_a_link_to_their_own_profile(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert (
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[cast.fellow_a.pk]) in html
    )


def test_fellow_without_submissions_is_told_how_to_submit(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert "Submit for moderation" in html


def submit(client, cast):
    client.force_login(cast.fellow_a.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )


def test_fellow_sees_their_submission_in_moderation(client, cast):
    submit(client, cast)

    html = dashboard(client, cast.fellow_a.user)

    assert "First PDSA cycle" in html
    assert "In progress" in html


def test_fellow_sees_the_reviewers_comment_after_rejection(client, cast):
    submit(client, cast)
    draft = cast.draft_a.specific_class.objects.get(pk=cast.draft_a.pk)
    act(client, draft, cast.staff, "reject", "Add the run chart, please.")

    html = dashboard(client, cast.fellow_a.user)

    assert "Needs changes" in html
    assert "Add the run chart, please." in html


def test_fellow_dashboard_has_nothing_else(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert 'id="fellow-home-section"' in html
    assert "Your most recent edits" not in html
    assert "Awaiting your review" not in html
    assert 'id="coach-home-section"' not in html


def test_coach_sees_their_fellows_and_pending_drafts(client, cast):
    html = dashboard(client, cast.coach_a.user)

    assert "Amara Shah" in html
    assert "Ben Cole" not in html
    assert "First PDSA cycle" in html
    assert reverse("wagtailadmin_pages:view_draft", args=[cast.draft_a.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]) in html


def test_another_coach_does_not_see_fellow_as_drafts(client, cast):
    html = dashboard(client, cast.coach_b.user)

    assert "Ben Cole" in html
    assert "First PDSA cycle" not in html
    assert "No drafts waiting." in html


def test_staff_keep_wagtails_dashboard(client, cast):
    html = dashboard(client, cast.staff)

    assert 'id="fellow-home-section"' not in html
    assert 'id="coach-home-section"' not in html


def test_fellow_dashboard_queries_do_not_grow_with_updates(client, cast, count_queries):
    client.force_login(cast.fellow_a.user)
    url = reverse("wagtailadmin_home")
    client.get(url)
    few = count_queries(lambda: client.get(url))
    ProjectUpdatePageFactory.create_batch(5, parent=cast.project_a)

    assert count_queries(lambda: client.get(url)) == few


def test_demo_accounts_show_each_role(client, db):
    call_command("load_demo", force=True, verbosity=0)
    users = get_user_model().objects.in_bulk(
        ["staff", "fellow", "coach"], field_name="username"
    )

    fellow_html = dashboard(client, users["fellow"])
    coach_html = dashboard(client, users["coach"])
    staff_html = dashboard(client, users["staff"])

    assert "Second PDSA cycle: night shift" in fellow_html
    assert "In progress" in fellow_html
    assert "Second PDSA cycle: night shift" in coach_html
    assert "Second PDSA cycle: night shift" in staff_html  # awaiting their review
