"""Back up and restore the database and the media folder, with the database's own
tools: SQLite's `VACUUM INTO` and online backup, PostgreSQL's `pg_dump -Fc` and
`pg_restore`. The commands `backup` and `restore` (and `make backup`, `make restore`)
call these; docs/operations.md says how to use them."""

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "backup.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def engine():
    if connection.vendor not in DUMPS:
        raise BackupError(
            f"Backups support SQLite and PostgreSQL, not {connection.vendor}."
        )
    return connection.vendor


def postgres(command, *args):
    """Run a PostgreSQL client tool against the site's database."""
    database = connection.settings_dict
    environment = {
        "PGHOST": database["HOST"],
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"],
        "PGSSLMODE": database["OPTIONS"].get("sslmode", ""),
    }
    result = subprocess.run(  # noqa: S603 (fixed tools, arguments from settings)
        [command, *args],
        env={**os.environ, **{k: v for k, v in environment.items() if v}},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"{command} failed: {result.stderr.strip()}")


def back_up(folder):
    """Write the database and the media folder into a new folder
    <folder>/<UTC date and time>/, readable by its owner only, and return it."""
    kind = engine()
    target = Path(folder) / timezone.now().strftime("%Y%m%dT%H%M%SZ")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.mkdir(mode=0o700)
    except FileExistsError:
        raise BackupError(f"{target} already exists: try again in a second.") from None
    dump = target / DUMPS[kind]
    if kind == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(dump)])
    else:
        postgres(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={dump}",
            connection.settings_dict["NAME"],
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, target / MEDIA)
    else:
        (target / MEDIA).mkdir()
    manifest = {
        "created": timezone.now().isoformat(),
        "engine": kind,
        "database": DUMPS[kind],
        "media": MEDIA,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def restore(folder):
    """Load a backup into the site's database, which must be empty (no tables),
    then copy its media files into MEDIA_ROOT."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(
            f"{folder} is not a backup: it has no readable {MANIFEST}."
        ) from None
    kind = engine()
    if manifest.get("engine") != kind:
        raise BackupError(
            f"This backup is of a {NAMES.get(manifest.get('engine'), 'different')} "
            f"database, and the site's database (DATABASE_URL) is {NAMES[kind]}. "
            "Restore it into the same kind of database."
        )
    if connection.introspection.table_names():
        raise BackupError(
            "The database is not empty: it has tables. Restore only into a new, "
            "empty database (PostgreSQL: createdb; SQLite: a new file), so that "
            "nothing is overwritten."
        )
    dump = folder / manifest["database"]
    if kind == "sqlite":
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        postgres(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        )
    shutil.copytree(folder / manifest["media"], settings.MEDIA_ROOT, dirs_exist_ok=True)
