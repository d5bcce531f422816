import os
import subprocess
from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from tests.manage_command import ROOT, run_manage


def logins(**options):
    out = StringIO()
    call_command("demo_logins", stdout=out, **options)
    return out.getvalue()


def test_demo_logins_print_the_address_the_server_listens_on():
    text = logins(address="0.0.0.0:8123")
    assert "The site: http://0.0.0.0:8123/" in text
    assert "The admin: http://0.0.0.0:8123/admin/" in text
    assert "127.0.0.1:8000" not in text


def test_demo_logins_default_to_the_make_run_address():
    assert "The site: http://127.0.0.1:8000/" in logins()


@override_settings(EMAIL_FILE_PATH="sent-mail-somewhere")
def test_demo_logins_say_where_development_mail_goes():
    assert "Email the site sends is saved in sent-mail-somewhere/" in logins()


def test_demo_logins_list_every_demo_account():
    text = logins()
    for username in ("admin", "staff", "fellow", "coach", "fellow2"):
        assert f"  {username} " in text


def test_demo_logins_print_a_port_alone_as_runserver_serves_it():
    assert "The site: http://127.0.0.1:8011/" in logins(address="8011")


def test_demo_logins_refuse_an_address_runserver_would_not_serve():
    with pytest.raises(CommandError, match="is not a host:port"):
        logins(address="not an address")


def make_run_commands(*args, **env):
    """The commands `make run` would run (make -n runs none of them)."""
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", *args],  # noqa: S607
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    "args,env",
    [(["HOST=127.0.0.1:8011"], {}), ([], {"HOST": "127.0.0.1:8011"})],
    ids=["make argument", "environment"],
)
def test_make_run_prints_and_serves_the_same_host(args, env):
    commands = make_run_commands(*args, **env)

    assert "demo_logins --address 127.0.0.1:8011" in commands
    assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8011" in commands
    assert "runserver 127.0.0.1:8011" in commands
    assert "8000" not in commands


def test_development_mail_goes_to_files_not_the_terminal():
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_DELIVERY_BACKEND)",
        DJANGO_SETTINGS_MODULE="fellowship_site.settings.dev",
    )

    # Sent through the background task (home/mail.py), delivered to files.
    assert result.stdout.strip() == "django.core.mail.backends.filebased.EmailBackend"
