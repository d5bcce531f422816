"""The results of a search, in their order: projects, fellows, good practice,
then other pages (each by title or name, then by id). Only the page of
results shown is read from the database, with what its cards show
(search/facets.py counts them)."""

from wagtail.models import Page

from cohorts.models import Fellow, FellowProjectPage, GoodPracticePage

PROJECT, FELLOW, GOOD_PRACTICE, PAGE = "project", "fellow", "good_practice", "page"
TYPE_LABELS = {
    PROJECT: "Projects",
    FELLOW: "Fellows",
    GOOD_PRACTICE: "Good practice",
    PAGE: "Other pages",
}
ORDER = {PROJECT: "title", FELLOW: "name", GOOD_PRACTICE: "title", PAGE: "title"}


def listing(kind):
    """Each result type's objects with what its card shows."""
    if kind == PROJECT:
        return FellowProjectPage.objects.for_listing()
    if kind == FELLOW:
        return Fellow.objects.for_cards()
    if kind == GOOD_PRACTICE:
        return GoodPracticePage.objects.for_listing()
    return Page.objects.specific().defer_streamfields()


class Results:
    """The results in their order (projects, fellows, good practice, other
    pages; each by title or name, then by id so that no two pages share a
    result) as Django's Paginator reads them: their number is the result
    types' counts, and only the page asked for is read from the database, as
    (kind, object): its ids, then its objects with what their cards show."""

    def __init__(self, sections):
        self.sections = sections  # [(kind, count, the queryset of that kind)]

    def count(self):
        return sum(count for _, count, _ in self.sections)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start, window.stop
        results = []
        for kind, count, chosen in self.sections:
            if start < count and stop > 0:
                order = (ORDER[kind], "pk")
                ids = chosen.order_by(*order).values("pk")
                ids = ids[max(start, 0) : min(stop, count)]
                objects = listing(kind).filter(pk__in=ids).order_by(*order)
                results += [(kind, obj) for obj in objects]
            start, stop = start - count, stop - count
        return results
