"""Editors working at once on the embedded SQLite database.

The site runs in its own server process (threaded, as `make run` serves it) on a
SQLite file, so that each request has its own connection and the database's
locks are real. Two editors save the same page while their editors' session
pings arrive, round after round. No request may fail, and every save must be
kept as a revision.
"""

import http.cookiejar
import json
import os
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.server import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery"  # noqa: S105 (the factories' test password)
ROUNDS = 6

SETUP = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import StaffUserFactory, StandardPageFactory
page = StandardPageFactory(title="About the programme", slug="about")
StaffUserFactory(username="editor1")
StaffUserFactory(username="editor2")
print(page.pk)
"""


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory):
    """(base URL, page id, database file) of a server on a fresh SQLite file."""
    workdir = tmp_path_factory.mktemp("sqlite-server")
    database = workdir / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fellowship_site.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(*args):
        return subprocess.run(  # noqa: S603
            [*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True
        )

    page_id = int(run("shell", "-c", SETUP).stdout.split()[-1])
    port = free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/")
        yield url, page_id, database
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    """One person signed in to the admin in their own browser session."""

    def __init__(self, base_url, username):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )
        self.request("/admin/login/")
        status, _ = self.post(
            "/admin/login/", {"username": username, "password": PASSWORD}
        )
        assert status == 302, f"{username} could not sign in"

    def csrf_token(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def request(self, path, data=None):
        """(status, body) of a GET, or of a POST when data is given."""
        body = None if data is None else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310
        if data is not None:
            request.add_header("X-CSRFToken", self.csrf_token())
            request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path, data):
        return self.request(path, {**data, "csrfmiddlewaretoken": self.csrf_token()})

    def save(self, page_id, title, publish):
        data = nested_form_data(
            {
                "title": title,
                "slug": "about",
                "intro": f"Intro: {title}",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        if publish:
            data["action-publish"] = "action-publish"
        return self.post(f"/admin/pages/{page_id}/edit/", data)

    def ping(self, page_id):
        return self.post(
            f"/admin/editing-sessions/ping/home/standardpage/{page_id}/0/",
            {"is_editing": "1"},
        )


def at_once(*calls):
    """Run the calls in threads released together; their (status, body)s."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_two_editors_and_the_session_ping_save_the_same_page_at_once(sqlite_server):
    base_url, page_id, database = sqlite_server
    first, second = Editor(base_url, "editor1"), Editor(base_url, "editor2")
    saved = []
    for n in range(ROUNDS):
        published, drafted = f"Round {n} by editor1", f"Round {n} by editor2"
        responses = at_once(
            lambda t=published: first.save(page_id, t, publish=True),
            lambda t=drafted: second.save(page_id, t, publish=False),
            lambda: first.ping(page_id),
            lambda: second.ping(page_id),
        )
        statuses = [status for status, _ in responses]
        # Saving redirects back to the editor; a ping answers with JSON.
        assert statuses == [302, 302, 200, 200], [
            (status, body[:300]) for status, body in responses if status >= 400
        ]
        saved += [published, drafted]

    with sqlite3.connect(database) as db:
        revisions = [
            json.loads(content)["title"]
            for (content,) in db.execute(
                "SELECT content FROM wagtailcore_revision WHERE object_id = ?",
                [str(page_id)],
            )
        ]
        (live_title,) = db.execute(
            "SELECT title FROM wagtailcore_page WHERE id = ?", [page_id]
        ).fetchone()
    assert sorted(t for t in revisions if t.startswith("Round")) == sorted(saved)
    assert live_title == f"Round {ROUNDS - 1} by editor1"
