from csp.middleware import CSPMiddleware

from django.conf import settings
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError
from django.views.defaults import bad_request


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy under its URL.

    Everything else (pages, the API, feeds, documents) gets CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(reverse("wagtailadmin_home"))
        ):
            parts.config = settings.ADMIN_CSP_DIRECTIVES
        return parts


class IncompleteFormMiddleware:
    """A POST without a field that a form reads unconditionally (Wagtail's
    StreamField reads ``<name>-count``) is the sender's mistake: a browser
    always sends the field, a hand-made request may not. It is a 400 (Django's
    bad_request view, templates/400.html), not a 500, and nothing is written:
    the form fails while it reads the data, before anything is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            return bad_request(request, exception)
        return None
