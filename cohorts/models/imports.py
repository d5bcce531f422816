"""A spreadsheet import that a user confirmed: the rows they previewed, kept
until the task worker has written them (cohorts/imports/runs.py), and how it
went. Its page in the admin shows it to the user who started it."""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Nothing imported"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the rows are, as cohorts/imports/runs.py writes them: a kind of
    # record ("fellows"...), or a series ("measure", "kpi") with its pk.
    kind = models.CharField(max_length=20)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=255)  # what is imported, as its pages say
    source = models.CharField(max_length=255)  # the file's name, or pasted cells
    # The table confirmed (cohorts.spreadsheets.Table.as_json()); emptied once
    # the run has finished, so that no copy of the people in it is kept.
    table = models.JSONField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField()
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=255, blank=True)  # "2 new, 1 updated..."
    errors = models.JSONField(default=list, blank=True)  # why nothing was written
    done_url = models.CharField(max_length=255)  # where what was imported is listed
    restart_url = models.CharField(max_length=255)  # the upload page

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title} from {self.source}"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
