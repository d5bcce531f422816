"""Whatever a person types into the search box gives a results page, on SQLite
and PostgreSQL: quotes make phrases or are dropped, operators are words."""

import pytest

from tests.factories import ProjectUpdatePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    StandardPageFactory(
        title="Falls guidance", slug="falls", intro="Preventing falls on the ward."
    )
    ProjectUpdatePageFactory(
        title="PDSA cycle one", summary="We tested hourly rounding at night."
    )


def result_titles(response):
    return [item.title for kind, item, _ in response.context["results"]]


def test_project_update_result_shows_its_summary(client, pages):
    response = client.get("/search/", {"q": "PDSA"})
    assert response.status_code == 200
    assert result_titles(response) == ["PDSA cycle one"]
    assert "We tested hourly rounding at night." in response.text
    assert "Project update" in response.text


def test_page_result_shows_its_intro(client, pages):
    response = client.get("/search/", {"q": "guidance"})
    assert result_titles(response) == ["Falls guidance"]
    assert "Preventing falls on the ward." in response.text


def test_page_result_prefers_its_search_description(client):
    ProjectUpdatePageFactory(
        title="Night rounds", summary="Summary", search_description="In short."
    )
    response = client.get("/search/", {"q": "rounds"})
    assert '<p class="nhsuk-card__description">In short.</p>' in response.text


HOSTILE = [
    '"',
    "'",
    '""',
    "''",
    "*",
    "(",
    ")",
    "-",
    ":",
    "^",
    "+",
    "~",
    "|",
    "&",
    "!",
    "\\",
    "%",
    "%s",
    "{}",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "and or not",
    "falls AND",
    "OR falls",
    "NOT falls",
    "NEAR(falls ward)",
    "falls NEAR/2 ward",
    "falls AND NOT ward",
    'falls"',
    '"falls',
    'falls "on the',
    "falls'",
    "'falls",
    "patients' views",
    "don't",
    "falls*",
    "*falls",
    "fall*s",
    "(falls",
    "falls)",
    "(falls OR ward)",
    "-falls",
    "falls -ward",
    "title:falls",
    "falls:",
    "{title}:falls",
    "^falls",
    "falls^2",
    "falls~",
    "'falls' & !ward",
    "falls <-> ward",
    "ward:*",
    "\"'\"'",
    "𝔣𝔞𝔩𝔩𝔰 👩‍⚕️ ☃",
    "ḟàłłš",
    "سقوط",
    "跌倒",
    "e\u0301",
    "\u200b",
    "\ufeff",
    "falls\x00ward",
    "\x00",
    "falls\tward\nnight",
    "falls " * 400,
    '"' * 300,
    "(" * 300,
    "NEAR " * 100,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_any_text_gives_a_results_page(client, pages, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert 'id="results-heading"' in response.text


def test_undecodable_bytes_give_a_results_page(client, pages):
    response = client.get("/search/?q=falls%FF%FE%22")
    assert response.status_code == 200
    assert 'id="results-heading"' in response.text


def test_unbalanced_quote_is_dropped(client, pages):
    response = client.get("/search/", {"q": 'falls"'})
    assert result_titles(response) == ["Falls guidance"]


def test_text_in_quotes_is_a_phrase(client, pages):
    found = client.get("/search/", {"q": '"preventing falls"'})
    assert result_titles(found) == ["Falls guidance"]
    reversed_words = client.get("/search/", {"q": '"falls preventing"'})
    assert result_titles(reversed_words) == []


@pytest.mark.parametrize("text", ["-falls", "falls*", "(falls)", "^falls", "falls:"])
def test_operator_characters_are_part_of_the_word(client, pages, text):
    response = client.get("/search/", {"q": text})
    assert result_titles(response) == ["Falls guidance"]


def test_a_lone_quote_finds_nothing_and_says_so(client, pages):
    response = client.get("/search/", {"q": '"'})
    assert result_titles(response) == []
    assert "No results for “&quot;”." in response.text
