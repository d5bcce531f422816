"""Who is asking (the client's address), and the limits on requests per client:
password resets here, shared good practice in cohorts/goodpractice/.

Sign-in lockouts are django-axes' (settings: AXES_*); it reads the address from
client_ip too, so both limits agree on who a client is. Setting a new password
through the reset email ends the account's lockout.
"""

import hashlib

from axes.utils import reset as reset_sign_in_failures

from django.conf import settings
from django.core.cache import cache

from wagtail.admin.views.account import PasswordResetConfirmView, PasswordResetView

RESET_LIMITS = (  # (what is counted, requests allowed per window)
    ("email", 3),
    ("address", 10),
)
RESET_WINDOW = 60 * 60  # seconds
RESET_MESSAGE = (
    "Too many password reset requests. Wait an hour and try again. If you asked "
    "for a reset already, the email may take a few minutes to arrive: check your "
    "spam folder too."
)


def client_ip(request):
    """The client's address: the proxy's header if settings name one, else the
    connection's. Only a proxy that overwrites that header may be trusted with it."""
    if settings.CLIENT_IP_HEADER:
        forwarded = request.META.get(settings.CLIENT_IP_HEADER, "").strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def over_limit(kind, value, limit, window=RESET_WINDOW):
    """Count one request of `kind` (such as "reset:email") for `value` in this
    window of seconds; True once past `limit`."""
    digest = hashlib.sha256(value.encode()).hexdigest()
    key = f"throttle:{kind}:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, limited per email address and per client address.

    Every request counts, whether or not an account has that email, and the message
    is the same for both, so the limit reveals nothing about who has an account.
    """

    def form_valid(self, form):
        values = {
            "email": form.cleaned_data["email"].strip().lower(),
            "address": client_ip(self.request),
        }
        limited = [
            over_limit(f"reset:{kind}", values[kind], n) for kind, n in RESET_LIMITS
        ]
        if any(limited):
            form.add_error(None, RESET_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class UnlockingPasswordResetConfirmView(PasswordResetConfirmView):
    """Wagtail's last step of a password reset, which also deletes the
    account's failed sign-ins: only the owner of its email reaches this step, so
    a person locked out by their own mistakes gets straight back in with the
    new password. Failures from the same address for other account names still
    count against the address."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_sign_in_failures(username=form.user.get_username())
        return response
