"""The public "Share good practice" form, at /share-good-practice/. Mounted by
fellowship_site/urls.py."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cohorts.models import GoodPracticeIndexPage
from home.restrictions import not_restricted
from home.throttling import client_ip, over_limit

from .forms import ShareGoodPracticeForm
from .submission import submit

# Examples accepted from one address in an hour (home/throttling.py counts them).
SUBMISSIONS_PER_HOUR = 5
RATE_MESSAGE = (
    "We have received as many examples from your network address as we accept "
    "in an hour, so this one has not been sent. Wait an hour and try again, or "
    "ask the programme team to add it for you."
)


def section():
    """The live Good practice section the form adds to."""
    index = GoodPracticeIndexPage.objects.live().filter(not_restricted()).first()
    if index is None:
        raise Http404("There is no good practice section.")
    return index


def render(request, template, index, status=200, **context):
    """The template, with breadcrumbs that lead to the section."""
    crumbs = [
        {"title": page.title, "url": page.get_url(request)}
        for page in index.get_ancestors(inclusive=True).filter(depth__gt=1)
    ]
    return TemplateResponse(
        request,
        template,
        {"index": index, "crumbs": crumbs, **context},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def share(request):
    index = section()
    status = 200
    if request.method == "POST":
        form = ShareGoodPracticeForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            address = client_ip(request)
            if over_limit(
                "good-practice:address", address, SUBMISSIONS_PER_HOUR, window=60 * 60
            ):
                form.add_error(None, RATE_MESSAGE)
                status = 429
            else:
                submit(form.cleaned_data, index)
                return redirect("share_good_practice_sent")
    else:
        form = ShareGoodPracticeForm()
    return render(
        request,
        "cohorts/good_practice/share.html",
        index,
        status=status,
        form=form,
        canonical_url=request.build_absolute_uri(reverse("share_good_practice")),
    )


@require_http_methods(["GET"])
def sent(request):
    return render(request, "cohorts/good_practice/sent.html", section())


urlpatterns = [
    path("", share, name="share_good_practice"),
    path("sent/", sent, name="share_good_practice_sent"),
]
