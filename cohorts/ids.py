"""Ids that arrive in URLs and query strings, checked before they reach a query.

Page ids are PostgreSQL ``integer`` columns, and Django does not range-check a
lookup through a page's ``page_ptr``: a larger number is a database error
(SQLite: OverflowError), not "no such page". So everything that reads an id
from a request bounds it with MAX_ID: the API's schemas (cohorts/api.py), the
``<id:pk>`` URLs (the feeds, a cohort's outcomes CSV), Wagtail's bulk actions'
``?id=`` (fellowship_site/urls.py), the reports' and snippet listings'
filters, and the outcomes listing (cohorts/records/outcome_admin.py). An id out
of range is a 404 in a URL path or a bulk action, a 422 in the API, a form
error in a filter and a redirect with a message in the outcomes listing, as for
any other bad id there.
"""

from functools import wraps

import django_filters

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls.converters import IntConverter

from wagtail.admin.filters import WagtailFilterSet

MAX_ID = 2**31 - 1


def is_id(value):
    """Whether value (a string or an int) is a number the id columns hold."""
    try:
        return 0 <= int(value) <= MAX_ID
    except (TypeError, ValueError):
        return False


def is_huge(value):
    """Whether value is a whole number, of either sign, beyond any id."""
    try:
        return abs(int(value)) > MAX_ID
    except (TypeError, ValueError):
        return False


class IdConverter(IntConverter):
    """``<id:name>`` in a URL pattern (registered in cohorts/apps.py): like
    ``<int:name>``, but an id the database cannot hold does not match, so the
    response is a 404."""

    def to_python(self, value):
        if not is_id(value):
            raise ValueError(f"{value} is not an id.")
        return int(value)


def ids_in_range(view):
    """A view that reads ids from ``?id=`` (Wagtail's bulk actions, which also
    take ``id=all``): any other value, or an id beyond the columns, is a 404
    before the view queries with it."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        ids = request.GET.getlist("id")
        if not all(value == "all" or is_id(value) for value in ids):
            raise Http404("No such object.")
        return view(request, *args, **kwargs)

    return checked


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice that rejects an id out of range as an invalid choice.
    ``label_from_instance`` (optional) names each choice, e.g. a cohort by its
    ``full_title``."""

    def __init__(self, *args, label_from_instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label_from_instance is not None:
            self.label_from_instance = label_from_instance

    def to_python(self, value):
        if (
            value not in self.empty_values
            and value != self.null_value
            and not isinstance(value, self.queryset.model)
            and not is_id(value)
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class IdFilterSet(WagtailFilterSet):
    """A WagtailFilterSet whose filters on a foreign key (built from a
    viewset's ``list_filter``) check the id's range."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.ModelChoiceFilter:
            filter_class = IdChoiceFilter
        return filter_class, params
