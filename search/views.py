from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from .facets import FacetedSearch
from .results import GOOD_PRACTICE, PAGE

RESULTS_PER_PAGE = 20


def page_description(page):
    """The line a result card shows under a page's title: its search
    description, else its summary or intro, whichever its type has."""
    return (
        page.search_description
        or getattr(page, "summary", "")
        or getattr(page, "intro", "")
    )


def described(results):
    """(type, object, description) for one page of (type, object) results:
    pages and good practice show a line of description under their title."""
    return [
        (kind, obj, page_description(obj) if kind in (PAGE, GOOD_PRACTICE) else "")
        for kind, obj in results
    ]


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
            "results": described(page.object_list),
            "messages_for_reader": messages,
            "query_string": params.urlencode(),
            "removable_filters": outcome.removable_filters(request.GET),
            "showcase": not outcome.query,
        },
    )
