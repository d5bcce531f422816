from tests.manage_command import run_manage


def test_production_check_deploy_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "The SECRET_KEY environment variable must be set." in result.stderr


def production_values(*expressions, **env):
    """Python expressions evaluated under production settings, one line each."""
    code = "from django.conf import settings; import logging, sys; " + "; ".join(
        f"print({expression})" for expression in expressions
    )
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        code,
        **{"ADMINS": "", "SENTRY_DSN": "", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_production_mails_errors_to_the_admins_and_logs_them():
    admins, handlers, reported = production_values(
        "settings.ADMINS",
        "sorted(type(h).__name__ for h in logging.getLogger('django').handlers)",
        "settings.ERRORS_ARE_REPORTED",
        ADMINS="Ops Team <ops@example.org>, dev@example.org",
    )

    assert admins == "[('Ops Team', 'ops@example.org'), ('', 'dev@example.org')]"
    assert handlers == "['AdminEmailHandler', 'StreamHandler']"
    assert reported == "True"


def test_production_without_admins_or_sentry_does_not_claim_to_report():
    reported, sentry_loaded = production_values(
        "settings.ERRORS_ARE_REPORTED", "'sentry_sdk' in sys.modules"
    )

    assert reported == "False"
    assert sentry_loaded == "False"


def test_production_starts_sentry_when_a_dsn_is_set(tmp_path):
    """sentry-sdk is optional, so a stand-in module records what settings ask."""
    stand_in = tmp_path / "sentry_sdk"
    stand_in.mkdir()
    (stand_in / "__init__.py").write_text(
        "calls = []\ndef init(**options):\n    calls.append(options)\n"
    )
    dsn = "https://public@sentry.example.org/1"

    calls, reported = production_values(
        "sys.modules['sentry_sdk'].calls",
        "settings.ERRORS_ARE_REPORTED",
        SENTRY_DSN=dsn,
        PYTHONPATH=str(tmp_path),
    )

    assert calls == f"[{{'dsn': '{dsn}', 'send_default_pii': False}}]"
    assert reported == "True"


def test_production_takes_mail_media_and_proxy_settings_from_the_environment():
    email, media, client_ip_header = production_values(
        "settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, "
        "settings.SERVER_EMAIL",
        "settings.MEDIA_ROOT, settings.MEDIA_URL",
        "settings.CLIENT_IP_HEADER",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        SERVER_EMAIL="errors@example.org",
        MEDIA_ROOT="/srv/fellowship/media",
        MEDIA_URL="/uploads/",
    )

    assert email == "smtp.example.org 587 True errors@example.org"
    assert media == "/srv/fellowship/media /uploads/"
    assert client_ip_header == "HTTP_X_REAL_IP"


def test_production_workers_share_one_cache_without_redis(tmp_path):
    """Several gunicorn workers: an edit in one must reach the others' cache."""
    (backend, location) = production_values(
        "settings.CACHES['default']['BACKEND']",
        "settings.CACHES['default']['LOCATION']",
        REDIS_URL="",
        CACHE_DIR=str(tmp_path),
    )
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert location == str(tmp_path)


def test_production_uses_redis_when_it_is_set():
    (backend,) = production_values(
        "settings.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/5"
    )
    assert backend == "django_redis.cache.RedisCache"
