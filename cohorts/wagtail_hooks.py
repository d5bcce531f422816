"""Gathers the admin pieces that each feature package registers in its own
wagtail_hooks module (Wagtail imports only this one)."""

from cohorts.access import wagtail_hooks as access_hooks
from cohorts.feedback import wagtail_hooks as feedback_hooks
from cohorts.imports import wagtail_hooks as imports_hooks
from cohorts.kpis import wagtail_hooks as kpis_hooks
from cohorts.measures import wagtail_hooks as measures_hooks
from cohorts.records import wagtail_hooks as records_hooks
from cohorts.reports import wagtail_hooks as reports_hooks

__all__ = [
    "access_hooks",
    "feedback_hooks",
    "imports_hooks",
    "kpis_hooks",
    "measures_hooks",
    "records_hooks",
    "reports_hooks",
]
