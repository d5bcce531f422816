"""The page above a page (the project's cohort, the cohort's programme), found
from Wagtail's tree paths: the one way the code does it.

A page's ``path`` is its parent's path plus one step of ``Page.steplen``
characters, so the path of the page above is the path without its last step,
and the paths of all the pages above are its prefixes. ``parent_path`` works on
one page's path; ``ParentPath`` does the same inside a query, so that a listing
finds the page above each of its pages in the same query; ``parent_value`` is
the subquery of one field of the page above.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr

from wagtail.models import Page


def parent_path(path):
    """The path of the page above the page at ``path``."""
    return path[: -Page.steplen]


def ancestor_paths(path):
    """The paths of every page above the page at ``path``, the root's first."""
    return [path[:end] for end in range(Page.steplen, len(path), Page.steplen)]


class ParentPath(Substr):
    """``parent_path`` in a query, of a path field (a name, or an expression
    such as ``OuterRef("path")``)."""

    def __init__(self, path="path"):
        path = F(path) if isinstance(path, str) else path
        super().__init__(path, 1, Length(path) - Page.steplen)


def parent_value(model, field="pk", path="path"):
    """For annotate(): one field of the page above each page, a page of
    ``model`` (None when the page above is of another type). ``path`` names
    the page's path from the query's model (e.g. "cohort__path" from a Fellow)."""
    above = model.objects.filter(path=ParentPath(OuterRef(path)))
    return Subquery(above.values(field)[:1])
