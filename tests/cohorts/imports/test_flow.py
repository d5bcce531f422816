"""The preview-and-confirm flow both imports share: what keep() stores and
when take() gives it back."""

from types import SimpleNamespace

from cohorts.imports.flow import keep, take
from cohorts.spreadsheets import Table

KEY = "an_import"
TABLE = Table(headers=["name"], rows=[[2, {"name": "Siân Evans"}]])


def request():
    return SimpleNamespace(session={})


def test_the_kept_table_comes_back_once_for_its_token():
    req = request()
    token = keep(req, KEY, TABLE, kind="fellows")
    pending = take(req, KEY, token)
    assert pending.table == TABLE
    assert pending.context == {"kind": "fellows"}
    assert take(req, KEY, token) is None


def test_another_token_gets_nothing_and_leaves_the_preview_kept():
    req = request()
    token = keep(req, KEY, TABLE)
    assert take(req, KEY, "guessed") is None
    assert take(req, KEY, "jeton-été") is None  # not ASCII: no TypeError
    assert take(req, KEY, token).table == TABLE


def test_a_token_is_good_only_for_its_context():
    req = request()
    token = keep(req, KEY, TABLE, measure=1)
    assert take(req, KEY, token, measure=2) is None
    assert take(req, KEY, token, measure=1).context == {"measure": 1}


def test_a_table_changed_after_the_preview_is_refused():
    req = request()
    token = keep(req, KEY, TABLE)
    req.session[KEY]["table"]["rows"][0][1]["name"] = "Someone else"
    assert take(req, KEY, token) is None
    assert KEY not in req.session
