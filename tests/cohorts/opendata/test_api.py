import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from openapi_spec_validator import validate

from django.conf import settings
from django.contrib.staticfiles import finders

from cohorts.models import FellowOutcome, FellowProjectFellow, FellowProjectPage
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    GoodPracticePageFactory,
    MeasurePointFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
)
from tests.factories.measures import month

SCHEMA_URL = "/api/openapi.json"


def link(project, fellow):
    FellowProjectFellow.objects.create(project=project, fellow=fellow)


@pytest.fixture
def data(db):
    """A programme, one cohort, a live project with a consenting and a
    non-consenting fellow, a draft project, some outcome records, and a
    good-practice example linked to the project."""
    FellowIndexPageFactory()
    programme = ProgrammePageFactory(
        title="QI fellowship", run_by=OrganisationFactory(name="North Coast HEE")
    )
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014")
    project = FellowProjectPageFactory(
        parent=cohort, title="Fewer falls", status=FellowProjectPage.Status.TESTING
    )
    shown = FellowFactory(
        name="Grace Patel", slug="grace-patel", cohort=cohort, public_consent=True
    )
    hidden = FellowFactory(
        name="Hidden Person", slug="hidden-person", cohort=cohort, public_consent=False
    )
    link(project, shown)
    link(project, hidden)
    draft = FellowProjectPageFactory(parent=cohort, title="Draft project", live=False)
    ProjectUpdatePageFactory(parent=project, title="First PDSA cycle")
    FellowOutcomeFactory(fellow=shown, kind=FellowOutcome.Kind.PRESENTATION)
    FellowOutcomeFactory(fellow=hidden, kind=FellowOutcome.Kind.PRESENTATION)
    FellowOutcomeFactory(fellow=hidden, kind=FellowOutcome.Kind.PROMOTION)
    measure = ProjectMeasureFactory(project=project, name="Falls")
    for n in range(8):
        MeasurePointFactory(measure=measure, period=month(n), value=10 + n % 2)
    draft_measure = ProjectMeasureFactory(project=draft, name="Draft measure")
    example = GoodPracticePageFactory(contact_email="shared.it@example.org")
    example.projects.set([project])
    example.save_revision().publish()
    return {
        "programme": programme,
        "cohort": cohort,
        "project": project,
        "draft": draft,
        "measure": measure,
        "draft_measure": draft_measure,
        "example": example,
    }


def endpoint_urls(client, data):
    """Every path in the schema, with its ids filled in from the fixture."""
    ids = {
        "programme_id": data["programme"].pk,
        "cohort_id": data["cohort"].pk,
        "project_id": data["project"].pk,
        "measure_id": data["measure"].pk,
        "example_id": data["example"].pk,
    }
    paths = client.get(SCHEMA_URL).json()["paths"]
    return [re.sub(r"{(\w+)}", lambda m: str(ids[m[1]]), path) for path in paths]


def test_schema_is_valid_openapi_3_1(client, db):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    validate(schema)


def test_every_endpoint_answers(client, data):
    urls = endpoint_urls(client, data)
    assert len(urls) == 13
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json; charset=utf-8"


def test_no_response_names_a_non_consenting_fellow_or_any_email(client, data):
    for url in endpoint_urls(client, data):
        text = client.get(url).text
        assert "Hidden Person" not in text, url
        assert "hidden-person" not in text, url
        assert "@" not in text, url


def test_api_is_read_only(client, data):
    assert client.post("/api/programmes/").status_code == 405


def test_programme_lists_public_fields(client, data):
    item = client.get("/api/programmes/").json()["items"][0]
    assert item["title"] == "QI fellowship"
    assert item["run_by"] == "North Coast HEE"
    assert item["url"] == f"http://testserver{data['programme'].url}"


def test_cohorts_filter_by_programme(client, data):
    other = CohortPageFactory(title="Other cohort")
    response = client.get("/api/cohorts/", {"programme": data["programme"].pk})
    assert [c["title"] for c in response.json()["items"]] == ["Cohort 2014"]
    assert response.json()["items"][0]["programme_id"] == data["programme"].pk
    assert other.title in client.get("/api/cohorts/").text


def test_project_lists_consenting_fellows_only(client, data):
    project = client.get(f"/api/projects/{data['project'].pk}/").json()
    assert project["cohort_id"] == data["cohort"].pk
    assert [f["name"] for f in project["fellows"]] == ["Grace Patel"]
    assert (
        project["fellows"][0]["profile_url"] == "http://testserver/fellows/grace-patel/"
    )
    assert [u["title"] for u in project["updates"]] == ["First PDSA cycle"]


def test_draft_project_is_not_published(client, data):
    titles = [p["title"] for p in client.get("/api/projects/").json()["items"]]
    assert titles == ["Fewer falls"]
    assert client.get(f"/api/projects/{data['draft'].pk}/").status_code == 404


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"status": "testing"}, ["Fewer falls"]),
        ({"status": "sustained"}, []),
        ({"theme": "no-such-theme"}, []),
    ],
)
def test_projects_filter(client, data, params, expected):
    items = client.get("/api/projects/", params).json()["items"]
    assert [p["title"] for p in items] == expected


def test_projects_filter_by_cohort(client, data):
    FellowProjectPageFactory(title="Elsewhere")
    items = client.get("/api/projects/", {"cohort": data["cohort"].pk}).json()["items"]
    assert [p["title"] for p in items] == ["Fewer falls"]


def test_outcomes_break_down_only_the_consenting_fellows(client, data):
    item = client.get("/api/outcomes/").json()["items"][0]
    assert item["cohort"]["title"] == "Cohort 2014"
    outcomes = item["outcomes"]
    assert outcomes["fellows"] == 2
    assert outcomes["fellows_not_named"] == 1
    assert outcomes["projects"] == 1
    assert outcomes["outcome_records"] == 1
    assert outcomes["outcome_records_by_kind"]["Conference presentation"] == 1
    assert outcomes["outcome_records_by_kind"]["Promotion"] == 0
    assert sum(outcomes["fellows_by_profession"].values()) == 1
    assert outcomes["projects_by_status"]["Testing changes"] == 1


def test_the_api_documents_the_disclosure_rule(client, db):
    schema = client.get(SCHEMA_URL).json()
    assert (
        "counts only the fellows who agreed to be named"
        in (schema["info"]["description"])
    )


def test_programme_outcomes_are_the_sum_of_its_cohorts(client, data):
    CohortPageFactory(parent=data["programme"], title="Cohort 2015")
    FellowFactory(cohort=CohortPageFactory(parent=data["programme"]))
    programme_id = data["programme"].pk
    total = client.get(f"/api/programmes/{programme_id}/outcomes/").json()
    cohorts = client.get("/api/outcomes/", {"programme": programme_id}).json()
    assert total["fellows"] == 3
    assert total["fellows"] == sum(c["outcomes"]["fellows"] for c in cohorts["items"])


def test_measures_list_their_definitions(client, data):
    items = client.get("/api/measures/").json()["items"]
    assert [m["name"] for m in items] == ["Falls"]
    assert items[0]["project_id"] == data["project"].pk
    assert items[0]["improvement_direction"] == "lower_is_better"


def test_measures_filter_by_project(client, data):
    ProjectMeasureFactory(name="Elsewhere")
    response = client.get("/api/measures/", {"project": data["project"].pk})
    assert [m["name"] for m in response.json()["items"]] == ["Falls"]


def test_measure_of_a_draft_project_is_not_published(client, data):
    assert client.get(f"/api/measures/{data['draft_measure'].pk}/").status_code == 404


def test_measure_with_few_points_is_a_run_chart_without_rules(client, data):
    analysis = client.get(f"/api/measures/{data['measure'].pk}/").json()["analysis"]
    assert analysis["chart"] == "run"
    assert analysis["median"] == 10.5
    assert analysis["rules_applied"] is False
    assert analysis["signals"] == []
    assert [p["value"] for p in analysis["points"]] == [10, 11] * 4


def test_measure_with_enough_points_is_an_xmr_chart_with_signals(client, data):
    measure = ProjectMeasureFactory(project=data["project"], name="Pressure ulcers")
    for n in range(14):
        MeasurePointFactory(measure=measure, period=month(n), value=20 if n < 7 else 5)
    analysis = client.get(f"/api/measures/{measure.pk}/").json()["analysis"]
    assert analysis["chart"] == "spc"
    assert analysis["segments"][0]["mean"] == 12.5
    assert analysis["segments"][0]["trial_limits"] is False
    shifts = {(s["rule"], s["label"]) for s in analysis["signals"]}
    assert ("shift", "improvement") in shifts
    assert ("shift", "concern") in shifts


def test_lists_are_paginated(client, db):
    for n in range(3):
        ProgrammePageFactory(title=f"Programme {n}")
    first = client.get("/api/programmes/", {"limit": 2}).json()
    rest = client.get("/api/programmes/", {"limit": 2, "offset": 2}).json()
    assert first["count"] == rest["count"] == 3
    assert [p["title"] for p in first["items"]] == ["Programme 0", "Programme 1"]
    assert [p["title"] for p in rest["items"]] == ["Programme 2"]


def test_outcomes_are_paginated(client, data):
    CohortPageFactory(parent=data["programme"])
    response = client.get("/api/outcomes/", {"limit": 1}).json()
    assert response["count"] == 2
    assert len(response["items"]) == 1


def test_responses_may_be_cached_publicly(client, data, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache (tests/performance/)
    response = client.get("/api/projects/")
    assert "public" in response["Cache-Control"].split(", ")


def test_errors_are_not_cached(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get("/api/projects/999999/")
    assert "no-store" in response["Cache-Control"].split(", ")


@pytest.mark.parametrize(
    "url",
    [
        "/api/projects/?limit=0",
        "/api/projects/?limit=101",
        "/api/projects/?limit=ten",
        "/api/projects/?offset=-1",
        "/api/projects/?status=finished",
        "/api/projects/?cohort=first",
        "/api/projects/?theme=a%00b",
        "/api/projects/?theme=fälle",
        "/api/cohorts/?programme=1.5",
        "/api/outcomes/?limit=1000",
        "/api/projects/not-a-number/",
    ],
)
def test_bad_parameters_get_a_json_4xx(client, db, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        *(
            f"/api/{name}/?offset={HUGE}"
            for name in ["projects", "cohorts", "measures", "outcomes", "programmes"]
        ),
        f"/api/projects/?cohort={HUGE}",
        f"/api/cohorts/?programme={HUGE}",
        f"/api/measures/?project={HUGE}",
        f"/api/outcomes/?programme={HUGE}",
        f"/api/projects/{HUGE}999/",
        f"/api/cohorts/{HUGE}/",
        f"/api/programmes/{HUGE}/",
        f"/api/programmes/{HUGE}/outcomes/",
        f"/api/measures/{HUGE}/",
        "/api/projects/-1/",
    ],
)
def test_id_or_offset_out_of_range_is_a_json_422(client, data, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [error] = response.json()["detail"]
    assert error["msg"].startswith("Input should be")


@pytest.mark.parametrize(
    "path",
    ["programmes/0", "programmes/0/outcomes", "cohorts/0", "projects/0", "measures/0"],
)
def test_unknown_id_is_a_json_404(client, db, path):
    response = client.get(f"/api/{path}/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Not Found")


def populate(cohort, projects):
    for _ in range(projects):
        project = FellowProjectPageFactory(parent=cohort)
        link(project, FellowFactory(cohort=cohort))


def test_project_list_queries_do_not_grow_with_projects(client, count_queries, db):
    FellowIndexPageFactory()
    small, large = CohortPageFactory(), CohortPageFactory()
    populate(small, 2)
    populate(large, 12)
    client.get("/api/projects/", {"cohort": small.pk})  # warm the site-root cache
    few = count_queries(lambda: client.get("/api/projects/", {"cohort": small.pk}))
    many = count_queries(lambda: client.get("/api/projects/", {"cohort": large.pk}))
    assert many == few


def test_outcome_queries_do_not_grow_with_cohorts(client, count_queries, db):
    programme = ProgrammePageFactory()
    for _ in range(2):
        populate(CohortPageFactory(parent=programme), 2)
    client.get("/api/outcomes/")
    few = count_queries(lambda: client.get("/api/outcomes/"))
    for _ in range(6):
        populate(CohortPageFactory(parent=programme), 5)
    client.get("/api/outcomes/")  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get("/api/outcomes/"))
    assert many == few


def absolute_urls(value):
    """Every absolute URL anywhere in a JSON value."""
    if isinstance(value, dict):
        return [url for item in value.values() for url in absolute_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in absolute_urls(item)]
    return [value] if isinstance(value, str) and "://" in value else []


@pytest.mark.parametrize(
    "url", ["/api/", "/api/projects/", "/api/projects/{project}/", "/api/cohorts/"]
)
def test_absolute_urls_all_use_the_request_host(client, data, site, url):
    """The Site record names another host and port: every link in one response
    still comes from the host the request was made to."""
    site.hostname = "cms.internal"
    site.port = 8080
    site.save()
    url = url.format(project=data["project"].pk)
    response = client.get(url, HTTP_HOST="data.example.org")
    urls = absolute_urls(response.json())
    assert urls
    assert {urlsplit(url).netloc for url in urls} == {"data.example.org"}, urls


def test_project_links_its_page_and_its_fellows_profiles(client, data):
    project = client.get(f"/api/projects/{data['project'].pk}/").json()
    assert project["url"] == f"http://testserver{data['project'].url}"
    [fellow] = project["fellows"]
    assert fellow["profile_url"] == "http://testserver/fellows/grace-patel/"
    assert client.get("/fellows/grace-patel/").status_code == 200


def test_api_index_links_every_list_its_documentation_and_schema(client, data):
    response = client.get("/api/")
    assert response.status_code == 200
    index = response.json()
    assert index["documentation"] == "http://testserver/api/docs/"
    assert index["openapi"] == "http://testserver/api/openapi.json"
    assert set(index["endpoints"]) == {
        "programmes",
        "cohorts",
        "outcomes",
        "projects",
        "measures",
        "good_practice",
    }
    for url in [index["documentation"], index["openapi"], *index["endpoints"].values()]:
        assert client.get(url).status_code == 200, url


def test_api_docs_are_served_from_this_site_alone(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assets = [
        tag.get("src") or tag.get("href")
        for tag in soup.find_all(["script", "link", "img"])
        if tag.get("src") or tag.get("href")
    ]
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
    config = json.loads(soup.find("script", type="application/json").string)
    assert config["url"] == SCHEMA_URL
    # Swagger UI's default validator badge would call validator.swagger.io.
    assert config["validatorUrl"] is None


def test_api_docs_lead_on_without_javascript(client, db):
    soup = BeautifulSoup(client.get("/api/docs/").content, "html.parser")
    assert soup.html["lang"] == "en-GB"
    links = soup.find("noscript").find_all("a")
    targets = [urljoin("/api/docs/", link["href"]) for link in links]
    assert targets == ["/api/", "/api/openapi.json"]
    for target in targets:
        assert client.get(target).status_code == 200


def test_footer_links_the_api_documentation(client, db):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    links = soup.find("footer").find_all("a", href="/api/docs/")
    assert [link.get_text(strip=True) for link in links] == ["Open data API"]


def test_good_practice_lists_its_public_fields_and_links(client, data):
    example = data["example"]
    item = client.get("/api/good-practice/").json()["items"][0]
    detail = client.get(f"/api/good-practice/{example.pk}/").json()
    project = client.get(f"/api/projects/{data['project'].pk}/").json()

    assert item["title"] == example.title
    assert item["themes"] == ["Digital technology in education"]
    assert item["organisation"] == "Northfield Carers' Forum"
    assert [p["title"] for p in detail["projects"]] == ["Fewer falls"]
    assert detail["evidence"] == example.evidence
    assert [g["title"] for g in project["good_practice"]] == [example.title]


def test_good_practice_filters_by_theme(client, data):
    other = client.get("/api/good-practice/", {"theme": "interdisciplinary-education"})
    same = client.get("/api/good-practice/", {"theme": "digital-technology"})

    assert other.json()["count"] == 0
    assert same.json()["count"] == 1
    assert client.get("/api/good-practice/", {"theme": "a b"}).status_code == 422
