"""Email goes through a background task (home/mail.py): in production the
task waits for the worker, so a slow mail server never slows a request; with
the immediate task backend (development, tests) it is sent at once.

Django's test runner swaps EMAIL_BACKEND for its outbox; these tests put the
site's backend back, with the outbox as the backend the task delivers with."""

import pytest
from django_tasks import default_task_backend

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from home.mail import from_json, send_email, to_json
from tests.cohorts.access.test_accounts import account_url, set_password_link
from tests.cohorts.access.test_permissions import update_form
from tests.cohorts.roles import build_cast
from tests.factories import FellowFactory, StaffUserFactory

QUEUED = "django_tasks.backends.dummy.DummyBackend"


@pytest.fixture(autouse=True)
def background_email(settings):
    settings.EMAIL_BACKEND = "home.mail.BackgroundEmailBackend"


@pytest.fixture
def staff_client(client, db):
    client.force_login(StaffUserFactory())
    return client


def email_tasks():
    """The email tasks waiting (Wagtail queues tasks of its own too)."""
    return [
        result
        for result in default_task_backend.results
        if result.task.func is send_email.func
    ]


def invite(client):
    fellow = FellowFactory(email="amara@example.org")
    return client.post(account_url(fellow), {"action": "invite"})


def test_invitation_arrives_through_the_immediate_task(staff_client):
    invite(staff_client)

    (message,) = mail.outbox
    assert message.to == ["amara@example.org"]
    assert set_password_link(message)


def test_invitation_waits_as_a_task_until_the_worker_runs_it(staff_client, settings):
    settings.TASKS = {"default": {"BACKEND": QUEUED}}

    response = invite(staff_client)

    assert response.status_code == 302
    assert not mail.outbox  # nothing was sent during the request
    (result,) = email_tasks()

    result.task.call(*result.args, **result.kwargs)  # what the worker does

    (message,) = mail.outbox
    assert message.to == ["amara@example.org"]
    assert set_password_link(message)


def test_moderation_notice_waits_as_a_task(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": QUEUED}}
    cast = build_cast()
    client.force_login(cast.fellow_a.user)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )

    assert not mail.outbox
    for result in email_tasks():
        result.task.call(*result.args, **result.kwargs)
    assert cast.staff.email in {a for message in mail.outbox for a in message.to}


def test_a_message_keeps_everything_through_the_task(db):
    message = EmailMultiAlternatives(
        "Subject",
        "Plain body",
        "from@example.org",
        ["to@example.org"],
        cc=["cc@example.org"],
        bcc=["bcc@example.org"],
        reply_to=["reply@example.org"],
        headers={"X-Programme": "QI"},
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    message.attach("data.csv", "a,b\n1,2\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n", "image/png")

    copy = from_json(to_json(message))

    for field in ["subject", "body", "from_email", "to", "cc", "bcc", "reply_to"]:
        assert getattr(copy, field) == getattr(message, field)
    assert copy.extra_headers == message.extra_headers
    assert list(copy.alternatives) == list(message.alternatives)
    assert list(copy.attachments) == list(message.attachments)
