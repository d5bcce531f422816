"""The site's 500 view, which makes a database outage a 503 the site designed."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from home.views import server_error as reported_server_error

RETRY_AFTER_SECONDS = 60
API_PREFIX = "/api/"
UNAVAILABLE = "The service is unavailable. Try again in a few minutes."


def server_error(request):
    """Django calls this for any error nothing else handled, wherever it was
    raised: in a view, a template, a middleware or the 404 page. When that
    error is the database being out of reach (down, restarting, refusing
    connections or, on SQLite, locked past the busy timeout), the answer is
    503 with Retry-After: JSON under /api/, else templates/503.html, rendered
    without the request so that it needs no database. Any other error (a bad
    query, a broken constraint) is a bug and stays a 500 (home.views)."""
    if not isinstance(sys.exception(), OperationalError | InterfaceError):
        return reported_server_error(request)
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": UNAVAILABLE}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def healthz(request):
    """For load balancers and `make bench`: the process answers. No database
    query, no session, no template; the baseline that bench compares pages to."""
    return HttpResponse("ok", content_type="text/plain")
