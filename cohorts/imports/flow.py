"""Preview, then confirm: the one flow of both spreadsheet imports (records,
cohorts/imports/views.py; a measure's data, cohorts/measures/views.py).

1. The upload view reads the file (cohorts.spreadsheets) and validates every
   row without writing anything. If every row is good, ``keep()`` stores the
   table in the session under a random token, with a sha256 digest of it and
   what the table is for (the kind of record, the measure). The preview page
   (cohorts/admin/import_preview.html) shows what each row would do and posts
   the token back; with any bad row there is nothing to confirm.
2. The confirm view calls ``take()``: the kept table comes back only for that
   token and that context, and only if it still matches its digest; it is then
   forgotten, so a preview is confirmed at most once. ``start_run()`` records
   it as an ImportRun and enqueues the task that writes it, and sends the user
   to the run's page.
3. The task (runs.py) validates the rows again against the database as it is
   then and writes all of them in one transaction, or nothing; the run's page
   says how it went.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property

from cohorts.models import ImportRun
from cohorts.spreadsheets import Table

from .runs import run_import

RESERVED = ("token", "digest", "table")
RECENT_RUNS = 5


def digest(rows):
    """The sha256 of a table as it is kept in the session."""
    text = json.dumps(rows, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def keep(request, key, table, **context):
    """Keep the table for confirming; return the token that confirms it."""
    token = secrets.token_urlsafe(16)
    rows = table.as_json()
    request.session[key] = {
        "token": token,
        "digest": digest(rows),
        "table": rows,
        **context,
    }
    return token


def forget(request, key):
    request.session.pop(key, None)


@dataclass
class Pending:
    table: Table
    context: dict


def take(request, key, token, **expected):
    """The table kept under ``key`` as a Pending, if ``token`` is its token and
    its context has the ``expected`` values; else None. A preview for another
    token or context stays kept (another tab may still confirm it)."""
    pending = request.session.get(key)
    if not pending or not secrets.compare_digest(
        pending["token"].encode(), token.encode()
    ):
        return None
    if any(pending.get(name) != value for name, value in expected.items()):
        return None
    del request.session[key]
    if digest(pending["table"]) != pending["digest"]:
        return None
    context = {name: pending[name] for name in pending if name not in RESERVED}
    return Pending(Table.from_json(pending["table"]), context)


class PreviewMixin:
    """For an import's upload and confirm views (WagtailAdminTemplateMixin
    views): renders the one preview template and starts the run. Set
    ``session_key`` and ``restart_label``, and define the confirm and restart
    URL names. The preview's columns are the result's ``headings``: every
    value each row would write, and every problem in it."""

    session_key = ""
    restart_label = ""
    confirm_url_name = ""
    restart_url_name = ""
    preview_template_name = "cohorts/admin/import_preview.html"

    def get_url_args(self):
        return []

    def get_restart_url(self):
        """The upload page."""
        return reverse(self.restart_url_name, args=self.get_url_args())

    @cached_property
    def recent_runs(self):
        """This user's last imports from this upload page (the upload
        templates list them)."""
        runs = ImportRun.objects.filter(
            user=self.request.user, restart_url=self.get_restart_url()
        )
        return runs[:RECENT_RUNS]

    def get_ready_note(self):
        """A sentence added to the "Ready to import" box, or ""."""
        return ""

    def preview(self, result, source, table, **context):
        """The preview of a validated table: kept for confirming (with its
        source and context) if every row is good, else forgotten."""
        token = None
        if result.errors:
            forget(self.request, self.session_key)
        else:
            token = keep(
                self.request, self.session_key, table, source=source, **context
            )
        return self.render_preview(result, source, token)

    def render_preview(self, result, source, token=None):
        self.template_name = self.preview_template_name
        return self.render_to_response(
            self.get_context_data(
                result=result,
                source=source,
                token=token,
                ready_note=self.get_ready_note(),
                restart_label=self.restart_label,
                confirm_url=reverse(self.confirm_url_name, args=self.get_url_args()),
                restart_url=self.get_restart_url(),
            ),
            status=400 if result.errors else 200,
        )

    def take(self, **expected):
        """The Pending table the posted token stands for, or None."""
        return take(self.request, self.session_key, self.posted_token(), **expected)

    def posted_token(self):
        return self.request.POST.get("token", "")

    def not_pending(self, expired_message):
        """The answer to a confirm whose preview is not kept: the run it
        started if it was confirmed already (a double click, the back button),
        else ``expired_message`` on the upload page."""
        confirmed = self.request.session.get(f"{self.session_key}-confirmed")
        if confirmed and secrets.compare_digest(
            confirmed["token"].encode(), self.posted_token().encode()
        ):
            messages.info(
                self.request, "You confirmed this import already: this is how it went."
            )
            return redirect("cohorts_import_runs:status", confirmed["run"])
        messages.error(self.request, expired_message)
        return redirect(self.get_restart_url())

    def start_run(self, pending, *, kind, title, done_url, target_id=None):
        """Record the Pending table as this user's ImportRun, enqueue the task
        that writes it and go to the run's page. ``kind`` and ``target_id``
        say what runs.py writes; ``title`` names it, and ``done_url`` is
        where what was imported is listed."""
        run = ImportRun.objects.create(
            user=self.request.user,
            kind=kind,
            target_id=target_id,
            title=title,
            source=pending.context["source"],
            table=pending.table.as_json(),
            rows_total=len(pending.table.rows),
            done_url=done_url,
            restart_url=self.get_restart_url(),
        )
        self.request.session[f"{self.session_key}-confirmed"] = {
            "token": self.posted_token(),
            "run": run.pk,
        }
        run_import.enqueue(run.pk)
        return redirect("cohorts_import_runs:status", run.pk)
