"""Browser tests: a real server with the demo content, driven by Debian's chromium.

The server runs in its own process on a throwaway SQLite database, so these tests
touch no database themselves. A missing chromium is an error, never a skip.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.server import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a server with the demo content loaded."""
    workdir = tmp_path_factory.mktemp("server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fellowship_site.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo", "--force"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True)  # noqa: S603
    port = free_port()
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    pid_file = workdir / "server.pid"
    pid_file.write_text(str(process.pid))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/")
        yield url
    finally:
        os.kill(int(pid_file.read_text()), 15)
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def visit():
    """Open a page and wait until nhsuk-frontend's JavaScript has set up the
    header, so that what is measured is what a reader sees once it has loaded."""

    def open_page(page, url):
        response = page.goto(url)
        page.wait_for_selector("[data-nhsuk-header-init]", state="attached")
        return response

    return open_page


@pytest.fixture
def screenshot():
    """Save a full-page screenshot for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return save
