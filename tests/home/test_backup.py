"""`manage.py backup` and `manage.py restore` (what `make backup` and `make restore`
run): the database and the media folder, restored into an empty database."""

import json

import pytest

from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.models import Page

from tests.manage_command import run_manage


def manage(site, *args):
    result = run_manage(
        *args,
        DATABASE_URL=f"sqlite:///{site / 'db.sqlite3'}",
        MEDIA_ROOT=str(site / "media"),
        REDIS_URL=None,
        ADMINS=None,
        SENTRY_DSN=None,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def describe(site):
    return json.loads(
        manage(
            site,
            "shell",
            "--verbosity=0",
            "-c",
            "from tests.home.backup_content import describe; describe()",
        )
    )


def test_backup_restores_into_an_empty_database(tmp_path):
    site, restored, backups = tmp_path / "site", tmp_path / "restored", tmp_path / "b"
    site.mkdir()
    restored.mkdir()
    manage(site, "migrate", "--noinput", "--verbosity=0")
    manage(site, "load_demo", "--force", "--verbosity=0")
    manage(
        site,
        "shell",
        "--verbosity=0",
        "-c",
        "from tests.home.backup_content import add_image_and_document as add; add()",
    )
    before = describe(site)

    output = manage(site, "backup", f"--output-dir={backups}")
    (backup,) = backups.iterdir()
    assert str(backup) in output
    manage(restored, "restore", str(backup))
    after = describe(restored)

    assert after == before
    counts = after["counts"]
    for label in [
        "wagtailcore.Page",
        "wagtailcore.Revision",
        "cohorts.Fellow",
        "cohorts.Coach",
        "cohorts.Organisation",
        "cohorts.AccreditationStatus",
        "cohorts.MeasurePoint",
        "wagtailimages.Image",
        "wagtaildocs.Document",
    ]:
        assert counts[label] > 0, label
    assert [title for title, _ in after["images"]] == ["Ward round photo"]
    documents = dict(after["documents"])
    assert set(documents) == {
        "Falls audit tool",
        "PDSA cycle worksheet",  # the demo's module resources
        "Run chart data template",
    }
    assert {after["images"][0][1], *documents.values()} <= set(after["media"])


def write_backup(folder, engine):
    folder.mkdir()
    (folder / "backup.json").write_text(
        json.dumps({"engine": engine, "database": "database", "media": "media"})
    )
    return str(folder)


def this_engine():
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables(tmp_path):
    pages = Page.objects.count()
    backup = write_backup(tmp_path / "backup", this_engine())

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", backup)

    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_another_kind_of_database(tmp_path):
    other = "postgresql" if this_engine() == "sqlite" else "sqlite"
    backup = write_backup(tmp_path / "backup", other)

    with pytest.raises(CommandError, match="This backup is of a"):
        call_command("restore", backup)


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path))
