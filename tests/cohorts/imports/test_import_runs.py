"""A confirmed import runs in the background (cohorts/imports/runs.py): the
confirm records an ImportRun and enqueues its task; the run's page says how it
is going, to the user who started it only. The tests' task backend runs the
task at once; a backend that does not (DummyBackend) leaves the run queued."""

import threading

import pytest
from bs4 import BeautifulSoup

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client, override_settings
from django.urls import reverse

from cohorts.imports import runs
from cohorts.models import (
    AccreditationStatus,
    Fellow,
    ImportRun,
    MeasurePoint,
    Organisation,
)
from tests.cohorts.roles import build_cast, client_for
from tests.factories import (
    MeasurePointFactory,
    ProjectMeasureFactory,
    StaffUserFactory,
)

from .test_record_import import CONFIRM_URL, FELLOWS_CSV, UPLOAD_URL, upload

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def confirm(client):
    token = client.session["cohorts_import"]["token"]
    return client.post(CONFIRM_URL, {"token": token})


def status_url(run):
    return reverse("cohorts_import_runs:status", args=[run.pk])


def fellows_run(user, **fields):
    """A run of a fellows file, made as the confirm makes it."""
    return ImportRun.objects.create(
        **{
            "user": user,
            "kind": "fellows",
            "title": "Fellows",
            "source": "fellows.csv",
            "rows_total": 250,
            "done_url": "/admin/snippets/cohorts/fellow/",
            "restart_url": UPLOAD_URL,
            **fields,
        }
    )


def test_confirm_records_the_run_and_its_rows_are_written(
    admin_client, superuser, records
):
    upload(admin_client, FELLOWS_CSV)

    response = confirm(admin_client)

    run = ImportRun.objects.get()
    assert response.url == status_url(run)
    assert (run.user, run.kind, run.source) == (superuser, "fellows", "fellows.csv")
    assert run.status == ImportRun.Status.DONE
    assert (run.rows_done, run.rows_total) == (2, 2)
    assert run.summary == "2 new, 0 updated, 0 unchanged"
    assert run.table is None  # no copy of the people in the file is kept
    assert run.finished_at is not None
    assert sorted(Fellow.objects.values_list("name", flat=True)) == [
        "Siân Evans",
        "Tom Reid",
    ]


def test_the_finished_run_shows_its_summary_and_stops_refreshing(admin_client, records):
    upload(admin_client, FELLOWS_CSV)

    page = admin_client.get(confirm(admin_client).url)

    assert page.status_code == 200
    assert "Import: Fellows" in page.text
    crumbs = BeautifulSoup(page.text, "html.parser").select("nav[aria-label] ol li")
    assert [li.get_text(" ", strip=True) for li in crumbs][-2:] == [
        "Import",
        "Fellows from fellows.csv",
    ]
    assert "fellows.csv" in page.text
    assert "Imported" in page.text
    assert "2 new, 0 updated, 0 unchanged." in page.text
    assert 'href="/admin/snippets/cohorts/fellow/"' in page.text
    assert 'http-equiv="refresh"' not in page.text


def test_a_row_wrong_by_the_time_it_runs_fails_the_run_and_writes_nothing(
    admin_client, records
):
    """Only Siân's row names the accreditation status; deleting it between the
    preview and the run leaves Tom's row good, and he is not written either."""
    upload(admin_client, FELLOWS_CSV)
    AccreditationStatus.objects.all().delete()

    page = admin_client.get(confirm(admin_client).url)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.errors == [
        "Row 2: accreditation_status: there is no accreditation status called "
        "'Enrolled'."
    ]
    assert not Fellow.objects.exists()
    assert "Nothing imported" in page.text
    assert "1 problem found. Nothing has been saved." in page.text
    assert "there is no accreditation status called &#x27;Enrolled&#x27;" in page.text
    assert f'href="{UPLOAD_URL}" class="button">Upload a corrected file' in page.text


def test_an_unexpected_error_fails_the_run_with_a_clear_message(
    admin_client, records, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(runs, "import_records", broken)
    upload(admin_client, FELLOWS_CSV)

    page = admin_client.get(confirm(admin_client).url)

    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    assert "The import stopped on an unexpected error" in page.text
    assert "database went away" not in page.text
    assert not Fellow.objects.exists()


def test_a_measure_deleted_before_its_import_runs_fails_it(admin_client, db):
    measure = ProjectMeasureFactory()
    admin_client.post(
        reverse("cohorts_measures:import", args=[measure.pk]),
        {"pasted": "date\tvalue\n2015-01-01\t9\n"},
    )
    token = admin_client.session["cohorts_measure_import"]["token"]
    confirm_url = reverse("cohorts_measures:confirm", args=[measure.pk])
    with override_settings(TASKS=DUMMY_TASKS):
        admin_client.post(confirm_url, {"token": token})
    run = ImportRun.objects.get()
    measure.delete()

    runs.run_import.call(run.pk)

    page = admin_client.get(status_url(run)).text
    assert "What this data is for has been deleted since the preview." in page
    assert not MeasurePoint.objects.exists()


@override_settings(TASKS=DUMMY_TASKS)
def test_a_run_the_worker_has_not_taken_waits_and_its_page_says_so(
    admin_client, records
):
    upload(admin_client, FELLOWS_CSV)

    page = admin_client.get(confirm(admin_client).url)

    assert ImportRun.objects.get().status == ImportRun.Status.QUEUED
    assert not Fellow.objects.exists()
    assert "Waiting to start" in page.text
    assert "Nothing has been saved yet." in page.text
    assert '<meta http-equiv="refresh" content="2">' in page.text


@override_settings(TASKS=DUMMY_TASKS)
def test_the_worker_writes_a_queued_run_once(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    confirm(admin_client)
    run = ImportRun.objects.get()

    runs.run_import.call(run.pk)
    runs.run_import.call(run.pk)  # enqueued twice, or retried

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert run.summary == "2 new, 0 updated, 0 unchanged"
    assert Fellow.objects.count() == 2


def test_a_running_import_shows_its_count_and_refreshes(client, db):
    owner = StaffUserFactory()
    run = fellows_run(owner, status=ImportRun.Status.RUNNING, rows_done=100)

    page = client_for(client, owner).get(status_url(run)).text

    assert "Importing" in page
    assert "100 of 250 rows saved so far." in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_a_preview_is_confirmed_once(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    token = admin_client.session["cohorts_import"]["token"]
    admin_client.post(CONFIRM_URL, {"token": token})

    again = admin_client.post(CONFIRM_URL, {"token": token}, follow=True)

    # A double click or the back button: the run it started, not a second one.
    run = ImportRun.objects.get()
    assert again.redirect_chain == [(status_url(run), 302)]
    assert "You confirmed this import already" in again.text
    assert "2 new, 0 updated, 0 unchanged." in again.text
    assert Fellow.objects.count() == 2


def test_a_confirm_without_its_preview_is_refused(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    confirm(admin_client)

    stale = admin_client.post(CONFIRM_URL, {"token": "not-the-token"}, follow=True)

    assert stale.redirect_chain == [(UPLOAD_URL, 302)]
    assert "That preview has expired" in stale.text
    assert ImportRun.objects.count() == 1


def test_a_measure_import_runs_and_its_page_links_to_the_data(client, db):
    cast = build_cast()
    measure = ProjectMeasureFactory(project=cast.project_a)
    MeasurePointFactory(measure=measure, period="2015-01-01", value=12)
    client = client_for(client, cast.fellow_a.user)
    client.post(
        reverse("cohorts_measures:import", args=[measure.pk]),
        {"pasted": "date\tvalue\n2015-01-01\t9\n2015-02-01\t8\n"},
    )
    token = client.session["cohorts_measure_import"]["token"]

    response = client.post(
        reverse("cohorts_measures:confirm", args=[measure.pk]),
        {"token": token},
        follow=True,
    )

    assert "Import: Data for" in response.text
    assert "1 new, 1 updated, 0 unchanged." in response.text
    data_url = reverse("cohorts_measures:data", args=[measure.pk])
    assert f'href="{data_url}"' in response.text
    # A fellow's points await approval, as on the data page.
    assert list(measure.points.values_list("value", "approved")) == [
        (9, False),
        (8, False),
    ]


# Who may open a run's page: the user who started it, and superusers.


@pytest.mark.parametrize("role", ["fellow A", "coach of A", "staff"])
def test_another_users_run_is_not_found(client, db, role):
    cast = build_cast()
    run = fellows_run(StaffUserFactory())

    response = client_for(client, cast.user(role)).get(status_url(run))

    assert response.status_code == 404
    assert "fellows.csv" not in response.text


def test_the_user_who_started_it_and_superusers_may_open_it(client, db):
    cast = build_cast()
    owner = StaffUserFactory(first_name="Priya", last_name="Nair")
    run = fellows_run(owner)

    own = client_for(client, owner).get(status_url(run))
    other = client_for(Client(), cast.superuser).get(status_url(run))

    assert own.status_code == 200
    assert "Priya Nair" not in own.text  # "confirmed by" only for someone else's
    assert other.status_code == 200
    assert "by Priya Nair" in other.text


def test_anonymous_users_are_sent_to_log_in(client, db):
    run = fellows_run(StaffUserFactory())
    response = client.get(status_url(run))
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_the_upload_page_lists_the_users_own_recent_imports(client, db):
    owner, other = StaffUserFactory(), StaffUserFactory()
    fellows_run(owner, status=ImportRun.Status.DONE, summary="2 new")
    fellows_run(owner, status=ImportRun.Status.FAILED, errors=["Row 2: …", "Row 3: …"])
    run = fellows_run(other, source="someone-elses.csv")

    page = client_for(client, owner).get(UPLOAD_URL).text

    assert "Your recent imports" in page
    assert "Imported: 2 new" in page
    assert "Nothing imported: 2 problems" in page
    assert "someone-elses.csv" not in page
    assert status_url(run) not in page


# Progress while the rows wait in the import's transaction (not on SQLite,
# where one connection writes at a time: runs.py).


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite shows no count before the end"
)
@pytest.mark.django_db(transaction=True)
def test_others_see_the_count_before_the_import_commits(client, superuser, monkeypatch):
    monkeypatch.setattr(runs, "PROGRESS_EVERY", 2)
    watcher = Client()
    watcher.force_login(superuser)
    seen = []

    def look():
        try:
            page = watcher.get(status_url(ImportRun.objects.get())).text
            counted = next(
                (n for n in range(1, 6) if f"{n} of 5 rows saved" in page), 0
            )
            seen.append((counted, Organisation.objects.count()))
        finally:
            connection.close()

    def after_each_save(**kwargs):
        thread = threading.Thread(target=look)
        thread.start()
        thread.join()

    post_save.connect(after_each_save, sender=Organisation, dispatch_uid="watch")
    try:
        client.force_login(superuser)
        file = SimpleUploadedFile("trusts.csv", b"name\nA\nB\nC\nD\nE\n")
        client.post(UPLOAD_URL, {"kind": "organisations", "file": file})
        confirm(client)
    finally:
        post_save.disconnect(sender=Organisation, dispatch_uid="watch")

    assert seen == [(0, 0), (0, 0), (2, 0), (2, 0), (4, 0)]
    assert Organisation.objects.count() == 5
