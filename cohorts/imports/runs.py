"""The confirmed import, run in the background (step 3 of flow.py's flow).

Confirming a preview records an ImportRun (cohorts/models/imports.py) with the
kept table and enqueues ``run_import``, a django-tasks task; the user is sent
to the run's page (``RunView``). In production the task waits in the database
for the worker (``manage.py db_worker``, docs/operations.md); in development
and the tests it runs at once, inside the confirm, so the page shows it done.

The task checks every row again against the database as it is then and writes
them all in one transaction, or nothing: a row that has become wrong fails the
run with every problem, for the page to show. It runs a run once, however
often it is enqueued.

Progress: the run is marked running (committed, so its page says so) before the
transaction starts, and done or failed after it ends. Meanwhile
``Progress`` saves the count of records written every ``PROGRESS_EVERY`` rows
on a database connection of its own, which other requests see at once while
the rows wait in the transaction. SQLite lets one connection write at a time,
and the import holds that lock until it commits, so there the count is not
saved until the end. A series (a measure's data, a KPI's values) is written in
two statements, so it has no count between.
"""

import threading

from django_tasks import task

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import ImportRun
from cohorts.spreadsheets import ImportFileError, Table
from home import pagecache

from .records import Kind, import_records
from .series import import_values
from .targets import TARGETS

PROGRESS_EVERY = 100
REFRESH_SECONDS = 2
UNEXPECTED = (
    "The import stopped on an unexpected error, and nothing was written. The "
    "error has been logged; try again, or tell the team that runs the site."
)


def save_rows_done(run_id, done):
    """In a thread of its own, so on a connection of its own, closed after."""
    try:
        ImportRun.objects.filter(pk=run_id).update(rows_done=done)
    finally:
        connection.close()


class Progress:
    """``progress(rows_done)`` for import_records: saves the count where other
    requests see it before the import commits (not on SQLite: see above)."""

    def __init__(self, run):
        self.run_id = run.pk
        self.apart = connection.vendor != "sqlite"

    def __call__(self, done):
        if self.apart and done % PROGRESS_EVERY == 0:
            thread = threading.Thread(target=save_rows_done, args=(self.run_id, done))
            thread.start()
            thread.join()


def write(run):
    """Write the run's rows; its ImportResult. Raises ImportFileError."""
    table = Table.from_json(run.table)
    if run.kind in Kind.values:
        return import_records(run.kind, table, commit=True, progress=Progress(run))
    try:
        target = TARGETS[run.kind].load(run.target_id, run.user)
    except ObjectDoesNotExist as error:
        raise ImportFileError(
            "What this data is for has been deleted since the preview. "
            "Nothing was written."
        ) from error
    result = import_values(target, table)
    if result.written:
        pagecache.invalidate_page(target.page)
    return result


def finish(run, errors=(), summary=""):
    run.status = ImportRun.Status.FAILED if errors else ImportRun.Status.DONE
    run.errors = list(errors)
    run.summary = "" if errors else summary
    run.rows_done = 0 if errors else run.rows_total
    run.table = None
    run.finished_at = timezone.now()
    run.save()


@task()
def run_import(run_id):
    """Write a queued ImportRun, once: a run already taken is left alone."""
    if not ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING
    ):
        return
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    try:
        result = write(run)
    except ImportFileError as error:
        finish(run, errors=[str(error)])
    except Exception:
        finish(run, errors=[UNEXPECTED])
        raise  # for the worker's log and the task's result
    else:
        finish(run, errors=result.errors, summary=result.summary)


class RunView(WagtailAdminTemplateMixin, TemplateView):
    """A run's page: for the user who started it, and for superusers (anyone
    else gets a 404). It refreshes itself until the run has finished."""

    template_name = "cohorts/admin/import_run.html"
    page_title = "Import"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        runs = ImportRun.objects.select_related("user")
        if not request.user.is_superuser:
            runs = runs.filter(user=request.user)
        self.run = get_object_or_404(runs, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.run.title

    def get_breadcrumbs_items(self):
        """Home, the upload page, this run: the last is the page's heading."""
        return [
            *self.breadcrumbs_items,
            {"url": self.run.restart_url, "label": "Import"},
            {"url": "", "label": str(self.run)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            run=self.run,
            refresh_seconds=None if self.run.finished else REFRESH_SECONDS,
            **kwargs,
        )


urlpatterns = [
    path("<int:pk>/", RunView.as_view(), name="status"),
]
