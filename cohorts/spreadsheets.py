"""Spreadsheet cells that cannot run as formulas (CSV or formula injection).

A spreadsheet program treats a cell that starts with =, +, - or @ (or a tab or
carriage return before one) as a formula, so a fellow's job title such as
``=HYPERLINK(...)`` would run when staff open an export. Every export prefixes
such text with a single quote, which the program shows as plain text.
"""

from functools import update_wrapper

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLResolver, path
from django.urls.resolvers import RoutePattern
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """The value, with a leading quote if it is text that would start a formula.
    Numbers and dates are left alone (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class FormulaSafeExportMixin:
    """Escapes every exported cell, for any view with Wagtail's
    SpreadsheetExportMixin (snippet and modeladmin listings, reports): both the
    CSV and the XLSX writers pass each value through preprocess_field_value."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(
            super().preprocess_field_value(field, value, export_format)
        )


def formula_safe_exports(urlpatterns, prefix=""):
    """Wagtail's own admin views that export spreadsheets (its reports, the
    redirects listing, any listing with ``list_export``) do not escape formulas.
    For each of them in ``urlpatterns`` (Wagtail's admin URLs), a URL pattern at
    the same address, with the same name and the same admin checks, whose view is
    the same class with FormulaSafeExportMixin. Put ahead of Wagtail's own
    (fellowship_site/urls.py), they answer in their place."""
    safe = []
    for pattern in urlpatterns:
        routable = prefix is not None and isinstance(pattern.pattern, RoutePattern)
        route = prefix + str(pattern.pattern) if routable else None
        if isinstance(pattern, URLResolver):
            safe += formula_safe_exports(pattern.url_patterns, route)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if not (
            view_class
            and issubclass(view_class, SpreadsheetExportMixin)
            and not issubclass(view_class, FormulaSafeExportMixin)
        ):
            continue
        if route is None:
            raise ImproperlyConfigured(f"Cannot make {view_class} formula-safe.")
        safe_class = type(view_class.__name__, (FormulaSafeExportMixin, view_class), {})
        view = safe_class.as_view(**pattern.callback.view_initkwargs)
        view = update_wrapper(require_admin_access(view), view)
        safe.append(path(route, never_cache(view), name=pattern.name))
    return safe
