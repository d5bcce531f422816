from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from wagtail.models import Page

from cohorts.models import Fellow, FellowProjectPage, GoodPracticePage

from .facets import FELLOW, GOOD_PRACTICE, PAGE, PROJECT, FacetedSearch

RESULTS_PER_PAGE = 20


def page_description(page):
    """The line a result card shows under a page's title: its search
    description, else its summary or intro, whichever its type has."""
    return (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
    )


def load_results(keys):
    """(type, object, description) for one page of (type, pk) results, in order,
    in a fixed number of queries."""
    ids = {
        kind: [pk for k, pk in keys if k == kind]
        for kind in (PROJECT, FELLOW, GOOD_PRACTICE, PAGE)
    }
    objects = {
        PROJECT: FellowProjectPage.objects.filter(pk__in=ids[PROJECT]).for_listing(),
        FELLOW: Fellow.objects.filter(pk__in=ids[FELLOW]).for_cards(),
        GOOD_PRACTICE: GoodPracticePage.objects.filter(
            pk__in=ids[GOOD_PRACTICE]
        ).for_listing(),
        PAGE: Page.objects.filter(pk__in=ids[PAGE]).specific().defer_streamfields(),
    }
    found = {
        (kind, obj.pk): obj
        for kind, queryset in objects.items()
        if ids[kind]
        for obj in queryset
    }
    results = []
    for key in keys:
        if key in found:
            kind, obj = key[0], found[key]
            described = kind in (PAGE, GOOD_PRACTICE)
            results.append((kind, obj, page_description(obj) if described else ""))
    return results


def search(request):
    outcome = FacetedSearch(request.GET).run()
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    messages = list(outcome.messages)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        messages.append("We did not recognise that page number, so here is page 1.")
        page = paginator.page(1)
    except EmptyPage as error:
        raise Http404("There is no such page of results.") from error

    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": outcome.query,
            "outcome": outcome,
            "page_obj": page,
            "results": load_results(page.object_list),
            "messages_for_reader": messages,
            "query_string": params.urlencode(),
            "removable_filters": outcome.removable_filters(request.GET),
            "showcase": not outcome.query,
        },
    )
