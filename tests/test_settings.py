import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fellowship_site.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_check_deploy_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="fellowship.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", SECRET_KEY="", ALLOWED_HOSTS="fellowship.example.org")
    assert result.returncode != 0
    assert "The SECRET_KEY environment variable must be set." in result.stderr
