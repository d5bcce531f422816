from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect
from django.template import loader
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.forms.choosers import (
    ExternalLinkChooserForm,
    URLOrAbsolutePathField,
)
from wagtail.admin.views.chooser import ExternalLinkView as WagtailExternalLinkView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

UNLOCK_PERMISSION = "axes.delete_accessattempt"


class SignInLockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the failed sign-ins still counting towards a lockout (django-axes).
    POST attempt=<id>: forget every failure of that account name and of that
    address, which unlocks both."""

    template_name = "home/admin/sign_in_lockouts.html"
    page_title = "Sign-in lockouts"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(UNLOCK_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        return super().get_context_data(
            attempts=AccessAttempt.objects.filter(attempt_time__gte=since).order_by(
                "-attempt_time"
            ),
            failure_limit=settings.AXES_FAILURE_LIMIT,
            cool_off_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            **kwargs,
        )

    def post(self, request):
        pk = request.POST.get("attempt", "")
        attempt = get_object_or_404(
            AccessAttempt, pk=pk if pk.isascii() and pk.isdigit() else None
        )
        AxesProxyHandler.reset_attempts(
            ip_address=attempt.ip_address,
            username=attempt.username,
            ip_or_username=True,
        )
        messages.success(
            request,
            f"Unlocked the account name “{attempt.username}” and the address "
            f"{attempt.ip_address}.",
        )
        return redirect(request.path)


def server_error(request):
    """The 500 page. It says the problem was reported only when it was. Like
    Django's own, it renders without the request, so without the context processors
    that need the database."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"errors_are_reported": settings.ERRORS_ARE_REPORTED})
    )


class URLField(URLOrAbsolutePathField):
    def to_python(self, value):
        return super().to_python(value or "")


class LinkForm(ExternalLinkChooserForm):
    url = URLField(required=True, label="URL")


class ExternalLinkView(WagtailExternalLinkView):
    """Wagtail's external-link chooser, where a post without the URL is a form
    error ("This field is required"): Wagtail 8.0.1's own fails with a server
    error (its URL field cannot read a missing value)."""

    form_class = LinkForm
