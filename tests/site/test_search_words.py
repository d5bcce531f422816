"""Search the demo site for what people type: every distinct word of the
content's titles, summaries and bodies, words with punctuation and search
operators attached, and the whole title of every page. No search is a server
error, and every live public page is found by its own title."""

import re
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.utils.html import strip_tags

from wagtail.fields import StreamField
from wagtail.models import Page

from cohorts.models import Fellow, FellowIndexPage

# Tells pytest-django to set up the test database that the demo loads into.
pytestmark = pytest.mark.django_db

# Quotes, a prefix wildcard, a group, negation, a column filter and a boost:
# what full-text engines (SQLite FTS5, PostgreSQL tsquery) read as syntax.
OPERATORS = ['"', "'", "*", "(", "-", ":", "^"]
# Every how-many-th word is also tried with each operator before and after it.
SAMPLE_EVERY = 15
TEXT_FIELDS = ["title", "search_description", "summary", "intro"]
WORD = re.compile(r"\w+")
MAX_RESULT_PAGES = 20


def page_text(page):
    """A page's title, summary and body text, as stored."""
    texts = [getattr(page, name, "") for name in TEXT_FIELDS]
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            texts += strings(getattr(page, field.name).raw_data)
    return strip_tags(" ".join(text for text in texts if isinstance(text, str)))


def strings(value):
    """The text in a StreamField's raw data, without block types and ids."""
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in ("type", "id")
            for text in strings(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def pages(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return list(Page.objects.live().public().filter(depth__gt=1).specific())


@pytest.fixture(scope="module")
def fellows(demo, django_db_blocker):
    with django_db_blocker.unblock():
        index_url = FellowIndexPage.objects.live().public().get().url
        return {
            fellow.name: f"{index_url}{fellow.slug}/"
            for fellow in Fellow.objects.public()
        }


@pytest.fixture(scope="module")
def words(pages):
    found = {word.lower() for page in pages for word in WORD.findall(page_text(page))}
    return sorted(found)


@pytest.fixture(scope="module")
def search(django_db_blocker):
    """Search as a reader would; a server error is a 500 response, not an
    exception, so one test reports every failing search."""
    client = Client(raise_request_exception=False)

    def get(query, page=1):
        with django_db_blocker.unblock():
            return client.get("/search/", {"q": query, "page": page})

    return get


def server_errors(search, queries):
    return [query for query in queries if search(query).status_code >= 500]


def test_every_word_of_the_content_can_be_searched(search, words):
    assert len(words) > 250
    assert server_errors(search, words) == []


def test_words_with_operators_attached_can_be_searched(search, words):
    queries = [
        variant
        for word in words[::SAMPLE_EVERY]
        for operator in OPERATORS
        for variant in (word + operator, operator + word)
    ]
    assert len(queries) > 250
    assert server_errors(search, queries) == []


def test_operators_alone_can_be_searched(search):
    queries = [*OPERATORS, "".join(OPERATORS), '"falls" "', "falls AND OR NOT"]
    assert server_errors(search, queries) == []


def found_urls(search, title, wanted):
    """The URLs on the results pages for a title, read until every wanted URL
    has been seen or the results run out."""
    seen = set()
    for number in range(1, MAX_RESULT_PAGES + 1):
        response = search(title, page=number)
        assert response.status_code in (200, 404), (title, response.status_code)
        if response.status_code == 404:
            break
        main = BeautifulSoup(response.content, "html.parser").find("main")
        urls = {link["href"] for link in main.find_all("a", href=True)}
        if urls <= seen:
            break
        seen |= urls
        if wanted <= seen:
            break
    return seen


def test_every_live_page_is_found_by_its_own_title(search, pages):
    by_title = defaultdict(set)
    for page in pages:
        by_title[page.title].add(page.url)
    assert len(pages) > 150
    missing = {
        title: urls - found_urls(search, title, urls)
        for title, urls in by_title.items()
    }
    assert {title: urls for title, urls in missing.items() if urls} == {}


def test_every_public_fellow_is_found_by_name(search, fellows):
    assert len(fellows) > 50
    missing = {
        name: url
        for name, url in fellows.items()
        if url not in found_urls(search, name, {url})
    }
    assert missing == {}
