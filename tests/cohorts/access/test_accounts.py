"""Staff invite fellows and coaches from their records; deactivation keeps content."""

import re
import smtplib

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from home.models import SiteSettings
from tests.cohorts.roles import build_cast
from tests.factories import (
    CoachFactory,
    FellowFactory,
    FellowUserFactory,
    LinkedCoachFactory,
    LinkedFellowFactory,
    ProjectUpdatePageFactory,
    StaffUserFactory,
    UserFactory,
)

from .test_permissions import fellow_form

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


def test_invitation_names_the_organisation_not_the_host(staff_client, site):
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "North Coast QI Fellowship"
    settings.save()
    fellow = FellowFactory(name="Amara Shah", email="amara@example.org")

    invite(staff_client, fellow)

    (message,) = mail.outbox
    assert message.subject == (
        "Your North Coast QI Fellowship account: set your password"
    )
    assert "an account on North Coast QI Fellowship" in message.body
    assert "testserver" not in message.subject


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


# Accounts that only a superuser may link, invite, deactivate or reactivate.


def superuser_account():
    return UserFactory(is_superuser=True, is_staff=True)


def other_group_account():
    account = UserFactory()
    account.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return account


PROTECTED = {
    "a superuser": superuser_account,
    "an is_staff account": lambda: UserFactory(is_staff=True),
    "a Programme staff account": StaffUserFactory,
    "a coach's account": lambda: LinkedCoachFactory().user,
    "an account in another group": other_group_account,
}


@pytest.fixture
def superuser_client(client, db):
    client.force_login(superuser_account())
    return client


def linked_fellow(account):
    """A fellow record linked, as only a superuser may link it, to `account`."""
    return FellowFactory(user=account, email=account.email)


@pytest.mark.parametrize("action", ["invite", "deactivate", "reactivate"])
@pytest.mark.parametrize("kind", PROTECTED)
def test_staff_cannot_manage_a_protected_account(staff_client, kind, action):
    account = PROTECTED[kind]()
    groups = set(account.groups.all())
    account.is_active = action != "reactivate"
    account.save()
    fellow = linked_fellow(account)

    response = staff_client.post(account_url(fellow), {"action": action})

    account.refresh_from_db()
    assert response.status_code == 403
    assert "Only a superuser can" in response.text
    assert account.is_active == (action != "reactivate")
    assert set(account.groups.all()) == groups
    assert not mail.outbox


@pytest.mark.parametrize("kind", PROTECTED)
def test_staff_are_not_offered_the_buttons_for_a_protected_account(staff_client, kind):
    fellow = linked_fellow(PROTECTED[kind]())

    html = staff_client.get(account_url(fellow)).text

    assert "Only a superuser can" in html
    assert 'value="deactivate"' not in html
    assert 'value="invite"' not in html


def test_superuser_can_deactivate_and_reactivate_a_protected_account(
    superuser_client,
):
    coach = LinkedCoachFactory()
    fellow = linked_fellow(coach.user)

    superuser_client.post(account_url(fellow), {"action": "deactivate"})
    coach.user.refresh_from_db()
    assert not coach.user.is_active

    superuser_client.post(account_url(fellow), {"action": "reactivate"})
    coach.user.refresh_from_db()
    assert coach.user.is_active


def test_nobody_deactivates_their_own_account(client, db):
    admin = superuser_account()
    fellow = linked_fellow(admin)
    client.force_login(admin)

    response = client.post(account_url(fellow), {"action": "deactivate"})

    admin.refresh_from_db()
    assert response.status_code == 400
    assert admin.is_active


def test_staff_reactivate_a_fellows_account(staff_client):
    fellow = LinkedFellowFactory(user__is_active=False)

    response = staff_client.post(account_url(fellow), {"action": "reactivate"})

    fellow.user.refresh_from_db()
    assert response.status_code == 302
    assert fellow.user.is_active


def test_reactivating_needs_an_account(staff_client):
    fellow = FellowFactory()

    response = staff_client.post(account_url(fellow), {"action": "reactivate"})

    assert response.status_code == 400
    assert "There is no account yet" in response.text


@pytest.mark.parametrize("kind", PROTECTED)
def test_staff_cannot_link_a_protected_account_on_the_record(staff_client, kind):
    account = PROTECTED[kind]()
    fellow = FellowFactory()

    response = staff_client.post(
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[fellow.pk]),
        fellow_form(fellow, user=account.pk),
    )

    fellow.refresh_from_db()
    assert response.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in response.text
    assert fellow.user is None


def test_staff_cannot_link_a_fellows_account_to_a_coach_record(staff_client):
    fellow = LinkedFellowFactory()
    coach = CoachFactory()

    response = staff_client.post(
        reverse("wagtailsnippets_cohorts_coach:edit", args=[coach.pk]),
        {
            "name": coach.name,
            "organisation": coach.organisation_id,
            "bio": "",
            "photo": "",
            "email": fellow.user.email,
            "user": fellow.user.pk,
        },
    )

    coach.refresh_from_db()
    assert response.status_code == 200
    assert coach.user is None


def test_the_record_form_offers_staff_no_protected_account(staff_client):
    admin = superuser_account()
    plain = UserFactory()

    html = staff_client.get(reverse("wagtailsnippets_cohorts_fellow:add")).text

    assert f'value="{plain.pk}"' in html
    assert f'value="{admin.pk}"' not in html


def test_staff_can_link_an_account_without_other_roles(staff_client):
    account = FellowUserFactory()
    fellow = FellowFactory()

    staff_client.post(
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[fellow.pk]),
        fellow_form(fellow, user=account.pk),
    )

    fellow.refresh_from_db()
    assert fellow.user == account


def test_superuser_can_link_a_staff_account_on_the_record(superuser_client):
    account = StaffUserFactory()
    fellow = FellowFactory()

    superuser_client.post(
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[fellow.pk]),
        fellow_form(fellow, user=account.pk),
    )

    fellow.refresh_from_db()
    assert fellow.user == account


@pytest.mark.parametrize("who", ["staff", "a superuser"])
@pytest.mark.parametrize("kind", PROTECTED)
def test_invite_never_takes_over_an_account_with_other_roles(client, db, who, kind):
    client.force_login(StaffUserFactory() if who == "staff" else superuser_account())
    account = PROTECTED[kind]()
    groups = set(account.groups.all())
    fellow = FellowFactory(email=account.email.upper())

    response = client.post(account_url(fellow), {"action": "invite"}, follow=True)

    fellow.refresh_from_db()
    account.refresh_from_db()
    assert fellow.user is None
    assert set(account.groups.all()) == groups
    assert not mail.outbox
    assert "already exists and has another role" in response.text


def account_settings(**changes):
    return {
        "name_email-first_name": "Amara",
        "name_email-last_name": "Shah",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        **changes,
    }


@pytest.mark.parametrize("role", ["fellow_a", "coach_a"])
def test_fellows_and_coaches_cannot_change_their_email(client, db, role):
    cast = build_cast()
    user = getattr(cast, role).user
    client.force_login(user)

    form = client.get(reverse("wagtailadmin_account")).text
    response = client.post(
        reverse("wagtailadmin_account"),
        account_settings(**{"name_email-email": cast.coach_b.user.email}),
    )

    assert 'name="name_email-email"' not in form
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.first_name == "Amara"  # the rest of the form is saved
    assert user.email != cast.coach_b.user.email


def test_staff_can_change_their_own_email(staff_client):
    user = User.objects.get(groups__name="Programme staff")

    staff_client.post(
        reverse("wagtailadmin_account"),
        account_settings(**{"name_email-email": "new@example.org"}),
    )

    user.refresh_from_db()
    assert user.email == "new@example.org"


def test_a_fellow_cannot_become_a_coach(client, db):
    """The account of a fellow who has their coach's email (however they got
    it) is not linked to the coach's record when staff invite the coach."""
    cast = build_cast()
    coach = CoachFactory(email="helen.new@example.org")
    fellow_account = cast.fellow_a.user
    fellow_account.email = coach.email
    fellow_account.save()
    client.force_login(cast.staff)

    response = client.post(account_url(coach), {"action": "invite"}, follow=True)

    coach.refresh_from_db()
    assert coach.user is None
    assert not fellow_account.groups.filter(name="Coaches").exists()
    assert not mail.outbox
    assert "already exists and has another role" in response.text
