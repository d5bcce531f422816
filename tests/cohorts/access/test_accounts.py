"""Staff invite fellows and coaches from their records; deactivation keeps content."""

import re
import smtplib

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from tests.cohorts.roles import build_cast
from tests.factories import (
    CoachFactory,
    FellowFactory,
    FellowUserFactory,
    ProjectUpdatePageFactory,
    StaffUserFactory,
)

User = get_user_model()


@pytest.fixture
def staff_client(client, db):
    client.force_login(StaffUserFactory())
    return client


def account_url(record):
    return reverse("cohorts_account", args=[record._meta.model_name, record.pk])


def invite(client, record):
    return client.post(account_url(record), {"action": "invite"})


def set_password_link(message):
    return re.search(r"https?://testserver(/admin/password_reset/\S+)", message.body)[1]


def test_invite_creates_the_fellows_account(staff_client):
    fellow = FellowFactory(name="Amara Shah", email="amara@example.org")

    response = invite(staff_client, fellow)

    fellow.refresh_from_db()
    user = fellow.user
    assert response.status_code == 302
    assert (user.email, user.first_name, user.last_name) == (
        "amara@example.org",
        "Amara",
        "Shah",
    )
    assert user.is_active and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Fellows"]


def test_invite_emails_a_set_password_link(staff_client):
    fellow = FellowFactory(email="amara@example.org")

    invite(staff_client, fellow)

    (message,) = mail.outbox
    assert message.to == ["amara@example.org"]
    assert "set your password" in message.subject
    assert set_password_link(message)


def test_the_set_password_link_works(client, staff_client):
    fellow = FellowFactory(email="amara@example.org")
    invite(staff_client, fellow)
    staff_client.logout()
    link = set_password_link(mail.outbox[0])

    form_url = client.get(link).url
    response = client.post(
        form_url,
        {
            "new_password1": "a-long-new-password",
            "new_password2": "a-long-new-password",
        },
    )

    fellow.refresh_from_db()
    assert response.status_code == 302
    assert client.login(username=fellow.user.username, password="a-long-new-password")


def test_invite_links_an_existing_account_with_that_email(staff_client):
    existing = FellowUserFactory(email="Amara@Example.org")
    fellow = FellowFactory(email="amara@example.org")

    invite(staff_client, fellow)

    fellow.refresh_from_db()
    assert fellow.user == existing
    assert User.objects.filter(email__iexact="amara@example.org").count() == 1


def test_invite_gives_a_coach_the_coaches_role(staff_client):
    coach = CoachFactory(email="helen@example.org")

    invite(staff_client, coach)

    coach.refresh_from_db()
    assert list(coach.user.groups.values_list("name", flat=True)) == ["Coaches"]


def test_invite_without_email_changes_nothing(staff_client):
    fellow = FellowFactory(email="")

    response = staff_client.post(account_url(fellow), {"action": "invite"}, follow=True)

    fellow.refresh_from_db()
    assert fellow.user is None
    assert not mail.outbox
    assert "Add an email address to the record first." in response.content.decode()


def test_invite_refuses_an_account_linked_to_another_fellow(staff_client):
    other = FellowFactory(user=FellowUserFactory(email="shared@example.org"))
    fellow = FellowFactory(email="shared@example.org")

    response = staff_client.post(account_url(fellow), {"action": "invite"}, follow=True)

    fellow.refresh_from_db()
    assert fellow.user is None
    assert other.user.email == "shared@example.org"
    assert "already belongs to another fellow" in response.content.decode()


def test_failed_email_creates_no_account(staff_client, monkeypatch):
    def fail(self):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", fail)
    fellow = FellowFactory(email="amara@example.org")

    response = staff_client.post(account_url(fellow), {"action": "invite"}, follow=True)

    fellow.refresh_from_db()
    assert fellow.user is None
    assert not User.objects.filter(email="amara@example.org").exists()
    assert "could not be sent" in response.content.decode()


def test_unknown_action_is_a_bad_request(staff_client):
    fellow = FellowFactory()

    response = staff_client.post(account_url(fellow), {"action": "delete"})

    assert response.status_code == 400


@pytest.mark.parametrize("role", ["fellow_a", "coach_a"])
def test_fellows_and_coaches_cannot_invite(client, db, role):
    cast = build_cast()
    target = FellowFactory(email="new@example.org")
    client.force_login(getattr(cast, role).user)

    response = invite(client, target)

    target.refresh_from_db()
    assert response.url == reverse("wagtailadmin_home")
    assert target.user is None
    assert not mail.outbox


def test_account_link_is_on_the_fellow_listing(staff_client):
    fellow = FellowFactory()

    response = staff_client.get(reverse("wagtailsnippets_cohorts_fellow:list"))

    assert account_url(fellow) in response.content.decode()


def test_deactivating_keeps_published_content(client, staff_client):
    cast = build_cast()
    update = ProjectUpdatePageFactory(parent=cast.project_a, title="What we learned")
    update.owner = cast.fellow_a.user
    update.save()

    staff_client.post(account_url(cast.fellow_a), {"action": "deactivate"})

    user = User.objects.get(pk=cast.fellow_a.user.pk)
    assert not user.is_active
    cast.fellow_a.refresh_from_db()
    assert cast.fellow_a.user == user
    staff_client.logout()
    assert client.get(update.url).status_code == 200
    assert client.get(cast.project_a.url).status_code == 200
    assert not client.login(username=user.username, password="correct-horse-battery")
