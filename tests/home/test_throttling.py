"""Login lockout (django-axes) and the password-reset limit."""

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessLog

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from tests.factories import LinkedFellowFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
LOCKOUTS = "/admin/sign-in-lockouts/"
PASSWORD = "correct-horse-battery"  # noqa: S105 (the superuser fixture's)


@pytest.fixture(autouse=True)
def throttling(settings):
    """Sign-in lockouts on (the test settings turn them off); no request is
    counted yet, the cache being emptied before each test (tests/conftest.py)."""
    settings.AXES_ENABLED = True


def without_tokens(html):
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(r"[A-Za-z0-9]{64}", "", html)


def sign_in(client, username, password, address="192.0.2.1"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, superuser):
    for _ in range(30):
        sign_in(client, "admin", "wrong-password")
    response = sign_in(client, "admin", PASSWORD)

    assert not signed_in(client)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text


def test_lockout_page_is_the_admin_sign_in_page_with_a_message(client, superuser):
    for _ in range(5):
        response = sign_in(client, "admin", "wrong-password")

    assert response.status_code == 429
    assert "<h1>Sign in</h1>" in response.text
    assert "Wait 15 minutes" in response.text
    assert 'href="/admin/password_reset/"' in response.text
    assert "Traceback" not in response.text


def test_four_wrong_passwords_then_the_right_one_signs_in(client, superuser):
    for _ in range(4):
        response = sign_in(client, "admin", "wrong-password")
    assert response.status_code == 200
    assert "Your username and password didn" in response.text

    response = sign_in(client, "admin", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_successful_sign_in_keeps_no_record_of_the_person(client, superuser):
    sign_in(client, "admin", PASSWORD)

    assert signed_in(client)
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_account_is_locked_whatever_address_the_attempts_come_from(client, superuser):
    for number in range(5):
        sign_in(client, "admin", "wrong-password", address=f"198.51.100.{number}")

    sign_in(client, "admin", PASSWORD, address="203.0.113.9")

    assert not signed_in(client)


def test_address_is_locked_whatever_accounts_it_tries(client, superuser):
    for number in range(5):
        sign_in(client, f"guess-{number}", "wrong-password", address="192.0.2.7")

    response = sign_in(client, "admin", PASSWORD, address="192.0.2.7")

    assert not signed_in(client)
    assert response.status_code == 429


def test_unknown_and_real_accounts_get_the_same_lockout(client, superuser):
    for _ in range(5):
        real = sign_in(client, "admin", "wrong-password", address="192.0.2.1")
        unknown = sign_in(client, "nobody", "wrong-password", address="192.0.2.2")

    assert real.status_code == unknown.status_code == 429
    assert without_tokens(real.text) == without_tokens(unknown.text)


def test_lockout_ends_after_the_cool_off(client, superuser):
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )

    sign_in(client, "admin", PASSWORD)

    assert signed_in(client)


def test_superuser_sees_and_unlocks_a_locked_account(client, superuser):
    for _ in range(5):
        sign_in(client, "admin", "wrong-password", address="192.0.2.50")
    other = StaffUserFactory(username="unlocker")
    other.is_superuser = True
    other.save()
    client.force_login(other)

    listing = client.get(LOCKOUTS)
    assert listing.status_code == 200
    assert "admin" in listing.text
    assert "192.0.2.50" in listing.text

    attempt = AccessAttempt.objects.get()
    response = client.post(LOCKOUTS, {"attempt": attempt.pk}, follow=True)
    assert "Unlocked" in response.text
    assert not AccessAttempt.objects.exists()

    client.logout()
    sign_in(client, "admin", PASSWORD, address="192.0.2.50")
    assert signed_in(client)


def test_staff_given_the_permission_may_unlock(client, superuser):
    staff = StaffUserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="delete_accessattempt"))
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")
    client.force_login(staff)

    client.post(LOCKOUTS, {"attempt": AccessAttempt.objects.get().pk})

    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    "make_user", [StaffUserFactory, lambda: LinkedFellowFactory().user]
)
def test_roles_without_the_permission_cannot_see_or_unlock(
    client, superuser, make_user
):
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")
    client.force_login(make_user())

    assert "192.0.2.1" not in client.get(LOCKOUTS, follow=True).text
    client.post(LOCKOUTS, {"attempt": AccessAttempt.objects.get().pk})

    assert AccessAttempt.objects.count() == 1


def test_unlock_of_an_unknown_attempt_is_a_404(client, superuser):
    client.force_login(superuser)

    assert client.post(LOCKOUTS, {"attempt": "999"}).status_code == 404
    assert client.post(LOCKOUTS, {"attempt": "not-a-number"}).status_code == 404


def reset(client, email, address="192.0.2.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def set_new_password_from_the_email(client, password):
    (link,) = re.findall(
        r"https?://\S+/password_reset/confirm/\S+/", mail.outbox[-1].body
    )
    form = client.get(link, follow=True)  # to the form, the token now in the session
    return client.post(
        form.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def test_a_new_password_from_the_reset_email_ends_the_lockout(client, superuser):
    for _ in range(5):
        sign_in(client, "admin", "wrong-password")
    assert sign_in(client, "admin", PASSWORD).status_code == 429

    reset(client, "admin@example.org")
    response = set_new_password_from_the_email(client, "a-new-long-passphrase")

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="admin").exists()
    sign_in(client, "admin", "a-new-long-passphrase")
    assert signed_in(client)


def test_a_reset_leaves_the_address_locked_by_other_accounts_failures(
    client, superuser
):
    for number in range(5):
        sign_in(client, f"someone{number}", "wrong-password")

    reset(client, "admin@example.org")
    set_new_password_from_the_email(client, "a-new-long-passphrase")

    assert AccessAttempt.objects.count() == 5
    assert sign_in(client, "admin", "a-new-long-passphrase").status_code == 429
    sign_in(client, "admin", "a-new-long-passphrase", address="198.51.100.7")
    assert signed_in(client)


def test_password_reset_flood_for_one_email_is_throttled(client, superuser):
    responses = [reset(client, "admin@example.org") for _ in range(20)]

    assert [r.status_code for r in responses[:3]] == [302, 302, 302]
    assert {r.status_code for r in responses[3:]} == {429}
    assert "Too many password reset requests" in responses[-1].text
    assert len(mail.outbox) == 3


def test_password_reset_flood_from_one_address_is_throttled(client, superuser):
    responses = [
        reset(client, f"person{number}@example.org", address="192.0.2.9")
        for number in range(20)
    ]

    assert {r.status_code for r in responses[:10]} == {302}
    assert {r.status_code for r in responses[10:]} == {429}
    response = reset(client, "admin@example.org", address="192.0.2.9")
    assert response.status_code == 429
    assert len(mail.outbox) == 0


def test_password_reset_limit_says_the_same_for_unknown_emails(client, superuser):
    for _ in range(4):
        known = reset(client, "admin@example.org", address="192.0.2.1")
        unknown = reset(client, "nobody@example.org", address="192.0.2.2")

    assert known.status_code == unknown.status_code == 429
    assert without_tokens(known.text) == without_tokens(unknown.text).replace(
        "nobody@", "admin@"
    )


def test_password_reset_limit_ignores_the_case_of_the_email(client, superuser):
    for email in ["admin@example.org", "ADMIN@example.org", "Admin@Example.org"]:
        reset(client, email)

    assert reset(client, "aDmin@example.ORG").status_code == 429
