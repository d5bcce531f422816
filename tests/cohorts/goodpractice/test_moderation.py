"""Nothing shared is public until staff publish it; staff approve it in the
moderation workflow; the contact is told once, when it is first published."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page

from cohorts.goodpractice import submission
from cohorts.models import GoodPracticePage
from tests.factories import CoachUserFactory, FellowUserFactory, StaffUserFactory

from .conftest import pdf_file

SLUG = "a-carers-cafe-for-students"


@pytest.fixture
def submitted(client, index, form_data):
    client.post("/share-good-practice/", form_data(document=pdf_file()))
    mail.outbox.clear()
    return GoodPracticePage.objects.get()


def approve(client, page, user):
    client.force_login(user)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", page.current_workflow_task_state.pk],
        ),
        {"comment": ""},
    )
    client.logout()
    return response


def public_views(client, page):
    """What the public would see of the example: (where, status, text)."""
    views = {
        "page": client.get(f"/good-practice/{SLUG}/"),
        "index": client.get("/good-practice/"),
        "search": client.get("/search/", {"q": "café"}),
        "api list": client.get("/api/good-practice/"),
        "api detail": client.get(f"/api/good-practice/{page.pk}/"),
        "feed": client.get("/feeds/good-practice/"),
    }
    return {name: (r.status_code, r.content.decode()) for name, r in views.items()}


def test_nothing_is_public_before_moderation(client, submitted):
    seen = public_views(client, submitted)

    assert seen["page"][0] == 404
    assert seen["api detail"][0] == 404
    for name in ["index", "search", "api list", "feed"]:
        status, text = seen[name]
        assert status == 200, name
        assert SLUG not in text, name
    assert client.get(submitted.document.url).status_code != 200


def test_staff_see_it_waiting_for_review(client, submitted):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert "Awaiting your review" in html
    assert "café for students" in html


def test_staff_approval_publishes_it_everywhere(client, submitted):
    approve(client, submitted, StaffUserFactory())

    seen = public_views(client, submitted)
    for name, (status, text) in seen.items():
        assert status == 200, name
        assert SLUG in text, name
    page = GoodPracticePage.objects.get()
    assert page.live
    assert client.get(page.document.url).status_code == 200


def test_publication_tells_the_contact_once(client, submitted):
    staff = StaffUserFactory()
    approve(client, submitted, staff)

    (message,) = [m for m in mail.outbox if m.to == ["secret.sharer@example.org"]]
    assert "Your good practice example is published" in message.subject
    assert f"http://localhost/good-practice/{SLUG}/" in message.body

    mail.outbox.clear()
    page = GoodPracticePage.objects.get()
    page.summary = "Corrected."
    page.save_revision(user=staff).publish(user=staff)
    assert not [m for m in mail.outbox if m.to == ["secret.sharer@example.org"]]


@pytest.mark.parametrize("role", [FellowUserFactory, CoachUserFactory])
def test_fellows_and_coaches_cannot_approve(client, submitted, role):
    approve(client, submitted, role())

    page = Page.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.workflow_in_progress


def test_staff_can_edit_the_links_and_read_the_contact(client, submitted):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "secret.sharer@example.org" in html
    assert 'name="projects"' in html
    assert 'name="organisations"' in html


def test_the_submissions_collection_is_for_staff_only(db):
    collection = submission.submissions_collection()

    (restriction,) = collection.view_restrictions.all()
    assert restriction.restriction_type == restriction.GROUPS
    assert [g.name for g in restriction.groups.all()] == ["Programme staff"]
    assert submission.submissions_collection() == collection
