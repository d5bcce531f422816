"""The "Project update review" workflow: a fellow submits, programme staff approve
(publish) or request changes (back to the fellow with the comment)."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, PageLogEntry, Workflow, WorkflowState

from home.models import SiteSettings
from tests.factories import StaffUserFactory

from .test_permissions import update_form


@pytest.fixture
def submitted(client, cast):
    """Fellow A's draft update, submitted for moderation by fellow A."""
    client.force_login(cast.fellow_a.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )
    client.logout()
    mail.outbox.clear()
    return Page.objects.get(pk=cast.draft_a.pk)


def act(client, page, user, action, comment=""):
    task_state = page.current_workflow_task_state
    client.force_login(user)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, task_state.pk],
        ),
        {"comment": comment},
    )


def test_the_programme_tree_uses_the_project_update_review(cast):
    workflow = cast.project_a.get_workflow()

    assert workflow.name == "Project update review"
    assert [task.name for task in workflow.tasks] == ["Programme staff approval"]
    assert list(
        workflow.tasks.get().specific.groups.values_list("name", flat=True)
    ) == ["Programme staff"]
    assert Workflow.objects.get(name="Project update review").active


def test_submitting_notifies_programme_staff(client, cast):
    colleague = StaffUserFactory(email="colleague@example.org")
    client.force_login(cast.fellow_a.user)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )

    recipients = {address for message in mail.outbox for address in message.to}
    assert {cast.staff.email, colleague.email} <= recipients
    assert cast.fellow_a.user.email not in recipients
    assert any("First PDSA cycle" in message.body for message in mail.outbox)


def test_approving_publishes_the_update(client, cast, submitted):
    act(client, submitted, cast.staff, "approve")

    page = Page.objects.get(pk=submitted.pk)
    assert page.live
    assert not page.workflow_in_progress
    client.logout()
    assert client.get(page.url).status_code == 200


def test_approval_tells_the_fellow(client, cast, submitted):
    act(client, submitted, cast.staff, "approve")

    assert [message.to for message in mail.outbox] == [[cast.fellow_a.user.email]]


def test_rejecting_returns_the_update_with_the_comment(client, cast, submitted):
    act(client, submitted, cast.staff, "reject", "Add the run chart, please.")

    page = Page.objects.get(pk=submitted.pk)
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.get_comment() == "Add the run chart, please."
    (message,) = mail.outbox
    assert message.to == [cast.fellow_a.user.email]
    assert "Add the run chart, please." in message.body


def test_rejected_fellow_can_edit_and_submit_again(client, cast, submitted):
    act(client, submitted, cast.staff, "reject", "Add the run chart, please.")
    client.force_login(cast.fellow_a.user)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        update_form(
            title="First PDSA cycle",
            slug="first-pdsa",
            summary="Now with the run chart.",
            **{"action-submit": "1"},
        ),
    )

    page = Page.objects.get(pk=submitted.pk)
    assert page.workflow_in_progress
    assert page.specific.get_latest_revision_as_object().summary == (
        "Now with the run chart."
    )


@pytest.mark.parametrize("role", ["fellow_a", "coach_a"])
def test_only_staff_can_approve(client, cast, submitted, role):
    act(client, submitted, getattr(cast, role).user, "approve")

    page = Page.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.workflow_in_progress


def test_audit_log_records_who_did_what(client, cast, submitted):
    act(client, submitted, cast.staff, "reject", "Add the run chart, please.")
    client.force_login(cast.fellow_a.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )
    act(client, submitted, cast.staff, "approve")

    entries = [
        (entry.action, entry.user)
        for entry in PageLogEntry.objects.filter(page=submitted).order_by("pk")
        if entry.action.startswith(("wagtail.workflow", "wagtail.publish"))
    ]
    fellow, staff = cast.fellow_a.user, cast.staff
    assert entries == [
        ("wagtail.workflow.start", fellow),
        ("wagtail.workflow.reject", staff),
        ("wagtail.workflow.resume", fellow),
        ("wagtail.workflow.approve", staff),
        ("wagtail.publish", staff),
    ]


def test_history_page_shows_the_log_to_staff(client, cast, submitted):
    client.force_login(cast.staff)

    response = client.get(reverse("wagtailadmin_pages:history", args=[submitted.pk]))

    assert response.status_code == 200
    assert cast.fellow_a.user.get_username() in response.content.decode()


@pytest.fixture
def organisation(site):
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "North Coast QI Fellowship"
    settings.save()
    return settings.organisation_name


def test_review_emails_carry_the_organisations_name(client, cast, organisation):
    client.force_login(cast.fellow_a.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )
    page = Page.objects.get(pk=cast.draft_a.pk)
    act(client, page, cast.staff, "reject", "Add the run chart, please.")

    subjects = {message.subject for message in mail.outbox}
    assert subjects == {
        'North Coast QI Fellowship: "First PDSA cycle" is waiting for your review '
        "(Programme staff approval)",
        'North Coast QI Fellowship: "First PDSA cycle" was submitted to '
        "Project update review",
        'North Coast QI Fellowship: changes requested to "First PDSA cycle"',
    }
    assert all(message.body.rstrip().endswith(organisation) for message in mail.outbox)


def test_approval_email_carries_the_organisations_name(
    client, cast, submitted, organisation
):
    act(client, submitted, cast.staff, "approve")

    (message,) = mail.outbox
    assert message.subject == (
        'North Coast QI Fellowship: "First PDSA cycle" was approved'
    )
    assert message.body.rstrip().endswith(organisation)


def approve_in_the_editor(client, cast, page, **changes):
    """Staff press "Approve" in the editor, as the browser posts it."""
    client.force_login(cast.staff)
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        update_form(
            title="First PDSA cycle",
            slug="first-pdsa",
            loaded_revision_id=page.latest_revision_id,
            loaded_revision_created_at=page.latest_revision.created_at.isoformat(),
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            **changes,
        ),
    )


@pytest.mark.parametrize("changes", [{}, {"summary": "Typo fixed by staff."}])
def test_approving_in_the_editor_leaves_no_draft(client, cast, submitted, changes):
    approve_in_the_editor(client, cast, submitted, **changes)

    page = Page.objects.get(pk=submitted.pk).specific
    assert page.live
    assert not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert page.status_string == "live"
    assert page.summary == changes.get(
        "summary", "Night shift: hourly rounding on two bays."
    )
