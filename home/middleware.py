import re

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
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


# Fields a browser always fills with a whole number, and that Wagtail's
# StreamField and ListBlock read with int(): their counts and orders. (Django's
# formsets check their own management fields; MAX_NUM_FORMS may be empty.)
COUNTER = re.compile(r"-(count|order)$")


def has_unreadable_counter(data):
    return any(
        COUNTER.search(name) and not value.isdigit()
        for name, values in data.lists()
        for value in values
    )


class UnreadableFormMiddleware:
    """A POST with form data no browser sends is the sender's mistake: a 400
    (Django's bad_request view, templates/400.html), not a 500, and nothing is
    written, since each case fails while the form reads its data:

    - a counter that is not a whole number (Wagtail's StreamField converts
      ``<name>-count`` with ``int()``), refused before the view runs;
    - a field a form reads unconditionally left out (StreamField's count:
      MultiValueDictKeyError);
    - an inline's id that is not an id (modelcluster's formsets raise the
      field's ValidationError outside the form's validation)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and has_unreadable_counter(request.POST):
            return bad_request(request, SuspiciousOperation("Unreadable counter."))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(
            exception, MultiValueDictKeyError | ValidationError
        ):
            return bad_request(request, exception)
        return None
