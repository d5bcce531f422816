"""One page of a long public listing, as the nhsuk pagination component
(templates/components/pagination.html) shows it."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, items, per_page, param="page"):
    """The page of ``items`` that the query parameter ``param`` asks for (the
    first when it is absent). A page number that is not a whole number, or
    past the end, is a 404: there is no such page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(param) or 1)
    except InvalidPage as error:
        raise Http404("There is no such page of this list.") from error


def query_without(request, *params):
    """The request's query string without ``params``, for the links of the
    pagination component and of removable filters."""
    query = request.GET.copy()
    for param in params:
        query.pop(param, None)
    return query.urlencode()
