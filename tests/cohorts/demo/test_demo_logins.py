from io import StringIO

from django.core.management import call_command
from django.test import override_settings


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
