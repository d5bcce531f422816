"""A crawl of the demo site, as a visitor, a feed reader, a search engine and a
data user would make it: from the home page (and robots.txt), follow every
same-site link in pages, feeds, the sitemap and API responses, submit every
filter of each GET form one at a time, and page through every API list. Every
answer is a 200, a redirect or a 404: never a server error."""

import json
import re
from collections import Counter, defaultdict, deque
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from django.test import Client

from wagtail.models import Site

SEEDS = ["/", "/robots.txt"]
MAX_URLS = 5000
ALLOWED = {200, 301, 302, 404}
NOT_CRAWLED = ("/admin/", "/static/", "/media/")
XML_TYPES = {"application/atom+xml", "application/xml", "text/xml"}
API_PAGE_SIZE = 20
PATH_PARAMETER = re.compile(r"{\w+}")

# Tells pytest-django to set up the test database that the demo loads into.
pytestmark = pytest.mark.django_db


class Crawler:
    def __init__(self, client, hosts):
        self.client = client
        self.hosts = hosts
        self.queue = deque()
        self.found = set()
        self.visited = {}  # URL: (status, content type)
        self.api_templates = set()  # OpenAPI paths with an id in them
        self.api_ids = defaultdict(set)  # API list path: the ids of its items

    def crawl(self, seeds):
        for url in seeds:
            self.add(url, "/")
        while self.queue and len(self.visited) < MAX_URLS:
            url = self.queue.popleft()
            response = self.client.get(url)
            content_type = response.get("Content-Type", "").split(";")[0]
            self.visited[url] = (response.status_code, content_type)
            if response.streaming:
                # Read to the end, so that the test client closes it without
                # closing the database connection (response.close() would fire
                # request_finished and end the demo's transaction on PostgreSQL).
                b"".join(response.streaming_content)
            elif response.status_code in (301, 302):
                self.add(response["Location"], url)
            elif response.status_code == 200:
                self.read(url, content_type, response.content)

    def add(self, link, base):
        """Queue a link (relative to the URL it was found in) if it is on this
        site and new."""
        parts = urlsplit(urljoin(f"http://testserver{base}", link))
        if parts.scheme not in ("http", "https") or parts.netloc not in self.hosts:
            return
        if parts.path.startswith(NOT_CRAWLED):
            return
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url not in self.found:
            self.found.add(url)
            self.queue.append(url)

    def read(self, url, content_type, body):
        if content_type == "text/html":
            self.read_html(url, body)
        elif content_type in XML_TYPES:
            for element in ElementTree.fromstring(body).iter():
                if element.get("href"):
                    self.add(element.get("href"), url)
                if element.tag.endswith("}loc"):
                    self.add(element.text.strip(), url)
        elif content_type == "application/json":
            self.read_json(url, json.loads(body))
        elif content_type == "text/plain":
            for line in body.decode().splitlines():
                if line.lower().startswith("sitemap:"):
                    self.add(line.split(":", 1)[1].strip(), url)

    def read_html(self, url, body):
        soup = BeautifulSoup(body, "html.parser")
        for tag in soup.find_all(["a", "link", "area"], href=True):
            self.add(tag["href"], url)
        for tag in soup.find_all(["img", "script", "iframe", "source"], src=True):
            self.add(tag["src"], url)
        for script in soup.find_all(
            "script", type=["application/json", "application/ld+json"]
        ):
            self.read_json(url, json.loads(script.string))
        if not urlsplit(url).query.replace("q=", "", 1).strip("&"):
            for form in soup.find_all("form"):
                if form.get("method", "get").lower() == "get":
                    self.submit(form, url)

    def submit(self, form, url):
        """The form as it stands, then with each choice (a checkbox, radio
        button or option) made alone."""
        action = form.get("action") or urlsplit(url).path
        fields = [
            (field["name"], field.get("value", ""))
            for field in form.find_all("input", attrs={"name": True})
            if field.get("type", "text") in ("text", "search", "hidden")
        ]
        choices = [
            (field["name"], field.get("value", "on"))
            for field in form.find_all(
                "input", type=["checkbox", "radio"], attrs={"name": True}
            )
        ] + [
            (select["name"], option.get("value", option.get_text()))
            for select in form.find_all("select", attrs={"name": True})
            for option in select.find_all("option")
        ]
        self.add(f"{action}?{urlencode(fields)}", url)
        for choice in choices:
            self.add(f"{action}?{urlencode([*fields, choice])}", url)

    def read_json(self, url, data):
        """Follow every URL in the body. An OpenAPI schema adds its paths; a
        paginated list adds its other pages and, through the schema's paths
        with an id, the details of its items."""
        for value in strings(data):
            if value.startswith(("/", "http://", "https://")):
                self.add(value, url)
        if isinstance(data, dict) and "openapi" in data:
            for path in data.get("paths", {}):
                if PATH_PARAMETER.search(path):
                    self.api_templates.add(path)
                else:
                    self.add(path, url)
        if isinstance(data, dict) and {"items", "count"} <= set(data):
            path = urlsplit(url).path
            for offset in range(0, data["count"], API_PAGE_SIZE):
                self.add(f"{path}?offset={offset}", url)
            self.api_ids[path].update(
                item["id"] for item in data["items"] if "id" in item
            )
        for template in self.api_templates:
            for pk in self.api_ids[template.split("{")[0]]:
                self.add(PATH_PARAMETER.sub(str(pk), template), url)


def strings(value):
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def crawl(demo, django_db_blocker):
    with django_db_blocker.unblock():
        site = Site.objects.get(is_default_site=True)
        crawler = Crawler(
            Client(raise_request_exception=False),
            hosts={"testserver", urlsplit(site.root_url).netloc},
        )
        crawler.crawl(SEEDS)
    return crawler


def test_crawl_gets_no_server_error(crawl):
    unexpected = {
        url: status
        for url, (status, _) in crawl.visited.items()
        if status not in ALLOWED
    }
    assert not unexpected, f"{len(unexpected)} of {len(crawl.visited)}: {unexpected}"


def test_crawl_visits_everything_it_finds(crawl):
    """The crawl was not cut short by its bound, and is not vacuous."""
    assert not crawl.queue
    kinds = Counter(content_type for _, content_type in crawl.visited.values())
    print(f"Crawled {len(crawl.visited)} URLs: {dict(kinds)}")
    assert len(crawl.visited) > 500, kinds
    assert kinds["text/html"] > 300, kinds
    assert kinds["application/json"] > 150, kinds
    assert kinds["application/atom+xml"] > 50, kinds


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap.xml",
        "/feeds/updates/",
        "/fellows/",
        "/search/",
        "/api/",
        "/api/docs/",
        "/api/openapi.json",
        "/api/projects/?offset=20",
        "/quality-improvement-fellowship/impact/",
        "/good-practice/",
        "/share-good-practice/",
        "/feeds/good-practice/",
    ],
)
def test_crawl_reaches_each_kind_of_url(crawl, url):
    assert crawl.visited[url][0] == 200


def test_crawl_reaches_api_details_fellow_profiles_and_facets(crawl):
    visited = "\n".join(crawl.visited)
    for pattern in [
        r"^/api/projects/\d+/$",
        r"^/api/measures/\d+/$",
        r"^/api/programmes/\d+/outcomes/$",
        r"^/feeds/cohorts/\d+/$",
        r"^/feeds/projects/\d+/$",
        r"^/fellows/[-\w]+/$",
        r"^/search/\?.*status=",
        r"^/search/\?.*page=2",
        r"^/api/good-practice/\d+/$",
        r"^/good-practice/\?theme=",
        r"^/good-practice/[-\w]+/$",
    ]:
        assert re.search(pattern, visited, re.M), pattern
