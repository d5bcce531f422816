"""A cohort's outcome table as a CSV download."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from cohorts.models import CohortPage
from cohorts.spreadsheets import escape_formula
from home.restrictions import not_restricted

from .counting import for_cohort

CSV_HEAD = ("Cohort", "Table", "Category", "Count")


def write_csv(file, cohort_name, outcomes):
    """The cohort's outcome table as CSV, every text cell formula-safe."""
    writer = csv.writer(file)
    writer.writerow(CSV_HEAD)
    rows = [("Summary", label, number) for label, number in outcomes.summary]
    for tally in outcomes.tallies:
        rows.extend((tally.title, label, count) for label, count in tally.rows)
    for row in rows:
        writer.writerow([escape_formula(cell) for cell in (cohort_name, *row)])


def cohort_outcomes_csv(request, cohort_id):
    """The CSV of a live, public cohort's outcomes."""
    cohort = get_object_or_404(
        CohortPage.objects.live().filter(not_restricted()), pk=cohort_id
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{cohort.slug}-outcomes.csv"'
    )
    write_csv(response, cohort.title, for_cohort(cohort))
    return response
