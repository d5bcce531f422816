"""View restrictions (Wagtail's "private" pages), read from the cache.

A view restriction on a page covers it and every page below it. Wagtail's
``PageQuerySet.public()`` reads every restriction from the database each time
it is called, and serving a page reads its ancestors and then their
restrictions: a listing page paid a query per ``.public()`` and two to serve.
Here the restrictions (their ids and their pages' paths) are read once and kept
in the cache under the page cache's ``site`` tag, which adding, changing or
removing a restriction bumps, and so does moving a page at or above one
(home/pagecache.py).

- ``not_restricted()`` is the filter for pages the public may see, used as
  ``Page.objects.live().filter(not_restricted())`` instead of ``.public()``;
- ``RestrictionsFromCache`` gives a page type ``get_view_restrictions`` (what
  Wagtail checks before serving a page) without a query for a page that no
  restriction covers.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction

from home import pagecache


def restrictions():
    """[(restriction id, its page's path)] of every view restriction."""
    return pagecache.remember(
        "view restrictions",
        [pagecache.SITE],
        lambda: list(PageViewRestriction.objects.values_list("pk", "page__path")),
    )


def not_restricted():
    """A filter of pages: those no view restriction covers."""
    private = Q()
    for _, path in restrictions():
        private |= Q(path__startswith=path)
    return ~private if private else Q()


def covering(path):
    """The ids of the restrictions that cover the page at ``path``."""
    return [pk for pk, restricted in restrictions() if path.startswith(restricted)]


class RestrictionsFromCache:
    """A page type mixin: the view restrictions covering the page (Wagtail's
    ``Page.get_view_restrictions``), with no query when there are none. An
    alias is checked as Wagtail does, by its original's restrictions."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        ids = covering(self.path)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)
