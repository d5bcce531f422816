"""Statistical disclosure control: the published numbers never single out a
fellow who did not consent.

A 6-fellow cohort where 5 consented. If everything published about it (the
cohort, programme and impact pages, the CSV, the API, the fellows' pages and
the search) is exactly the same whatever the non-consenting fellow's
profession, organisation, accreditation and outcome records, then no
combination of those numbers, subtracted from each other or from the five
public profiles, can tell anything about them.

The same holds for a project whose only fellow did not consent: the project is
public, but nothing published depends on its organisation, which would say
where that fellow works (FellowProjectPage.public_organisation)."""

import csv
import io
import json
import re

import pytest

from cohorts.models import (
    Fellow,
    FellowOutcome,
    FellowProjectFellow,
    FellowProjectPage,
    Organisation,
)
from tests.caching import empty_cache
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    GoodPracticePageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
)

Profession = Fellow.Profession


@pytest.fixture
def cohort(db):
    FellowIndexPageFactory()
    programme = ProgrammePageFactory(title="QI Fellowship")
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014")
    cohort.north = north = OrganisationFactory(name="Northfield NHS Trust")
    east = OrganisationFactory(name="Eastmoor NHS Trust")
    cohort.hallam = OrganisationFactory(name="Hallam Valley NHS FT")
    enrolled = AccreditationStatusFactory(name="Enrolled", sort_order=1)
    cohort.awarded = AccreditationStatusFactory(
        name="Certificate awarded", sort_order=2, award_complete=True
    )
    for name, profession, organisation, status in [
        ("Ann Able", Profession.NURSE, north, enrolled),
        ("Bob Best", Profession.NURSE, north, cohort.awarded),
        ("Cat Cole", Profession.DOCTOR, east, enrolled),
        ("Dan Dale", Profession.MIDWIFE, east, cohort.awarded),
        ("Eve Eden", Profession.MANAGER, north, None),
    ]:
        fellow = FellowFactory(
            name=name,
            cohort=cohort,
            profession=profession,
            organisation=organisation,
            accreditation_status=status,
        )
        FellowOutcomeFactory(fellow=fellow, kind=FellowOutcome.Kind.PRESENTATION)
    cohort.hidden = FellowFactory(
        name="Hidden Harriet",
        cohort=cohort,
        profession=Profession.SCIENTIST,
        organisation=cohort.hallam,
        accreditation_status=cohort.awarded,
        public_consent=False,
    )
    FellowOutcomeFactory(fellow=cohort.hidden, kind=FellowOutcome.Kind.PROMOTION)
    FellowProjectPageFactory(parent=cohort, title="Fewer falls")
    cohort.programme = programme
    return cohort


def contents_of(client, urls):
    """{url: the page's text}, each answering 200."""
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def published(client, cohort):
    """Everything the public can fetch that counts or lists the cohort's fellows."""
    programme = cohort.programme
    urls = [
        cohort.url,
        f"{cohort.url}outcomes/",
        programme.url,
        f"{programme.url}impact/",
        f"/cohorts/{cohort.pk}/outcomes.csv",
        "/api/outcomes/",
        f"/api/programmes/{programme.pk}/outcomes/",
        "/fellows/",
        f"/fellows/?cohort={cohort.pk}",
        "/fellows/?profession=scientist",
        "/fellows/?profession=doctor",
        f"/fellows/?organisation={cohort.hallam.pk}",
        "/search/?q=",
        "/search/?q=&type=fellow",
    ]
    return contents_of(client, urls)


def test_nothing_published_depends_on_the_fellow_who_did_not_consent(client, cohort):
    before = published(client, cohort)
    hidden = cohort.hidden
    hidden.profession = Profession.DOCTOR
    hidden.organisation = OrganisationFactory(name="Westdale NHS Trust")
    hidden.accreditation_status = None
    hidden.save()
    hidden.outcomes.all().delete()

    after = published(client, cohort)

    for url in before:
        assert after[url] == before[url], url


def test_every_breakdown_adds_up_to_the_consenting_fellows(client, cohort):
    outcomes = client.get("/api/outcomes/").json()["items"][0]["outcomes"]

    assert (outcomes["fellows"], outcomes["fellows_not_named"]) == (6, 1)
    for breakdown in (
        "fellows_by_profession",
        "fellows_by_organisation",
        "accreditation_by_status",
    ):
        assert sum(outcomes[breakdown].values()) == 5, breakdown
    assert outcomes["awards_complete"] == 2
    assert outcomes["outcome_records"] == 5
    assert sum(outcomes["outcome_records_by_kind"].values()) == 5
    assert "Scientist" not in json.dumps(outcomes)


def test_the_csv_breakdowns_add_up_to_the_consenting_fellows(client, cohort):
    text = client.get(f"/cohorts/{cohort.pk}/outcomes.csv").content.decode()
    totals = {}
    for _, table, _, count in list(csv.reader(io.StringIO(text)))[1:]:
        totals[table] = totals.get(table, 0) + int(count)

    assert totals["Named fellows by profession"] == 5
    assert totals["Named fellows by organisation"] == 5
    assert totals["Named fellows by accreditation status"] == 5
    assert totals["Named fellows' outcome records by kind"] == 5
    assert "Hallam Valley" not in text


def test_the_pages_say_who_is_counted(client, cohort):
    note = (
        "The counts about fellows are of the 5 fellows who agreed to be named; "
        "the total of 6 fellows also counts 1 fellow who chose not to be named."
    )
    for url in (f"{cohort.url}outcomes/", f"{cohort.programme.url}impact/"):
        html = client.get(url).content.decode()
        assert note in html, url
        assert "Hallam Valley" not in html, url


# A project whose only fellow did not consent.

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def projects(cohort):
    """Hidden Harriet's project at Hallam Valley, with an update; Ann Able's at
    Northfield; a good-practice example from each organisation, and one that
    staff linked to both projects."""
    hidden = FellowProjectPageFactory(
        parent=cohort, title="Safer insulin prescribing", organisation=cohort.hallam
    )
    FellowProjectFellow.objects.create(project=hidden, fellow=cohort.hidden)
    ProjectUpdatePageFactory(parent=hidden, title="First PDSA cycle")
    named = FellowProjectPageFactory(
        parent=cohort, title="Calmer mealtimes", organisation=cohort.north
    )
    ann = Fellow.objects.get(name="Ann Able")
    FellowProjectFellow.objects.create(project=named, fellow=ann)
    for organisation in (cohort.hallam, cohort.north):
        GoodPracticePageFactory(
            title=f"Shared by {organisation.name}", organisation=organisation
        )
    cohort.example = GoodPracticePageFactory(title="Linked by staff")
    cohort.example.projects.set([hidden, named])
    cohort.example.save_revision().publish()
    cohort.hidden_project, cohort.named_project = hidden, named
    return cohort


def project_pages(client, cohort):
    """Everything the public can fetch that shows, lists, files or counts the
    projects."""
    project = cohort.hidden_project
    westdale = Organisation.objects.filter(name="Westdale NHS Trust")
    organisations = [cohort.hallam, cohort.north, *westdale]
    urls = [
        project.url,
        project.get_children().first().url,
        cohort.url,
        cohort.programme.url,
        "/",
        cohort.example.url,
        cohort.example.get_parent().url,
        "/api/projects/",
        f"/api/projects/{project.pk}/",
        f"/api/projects/?cohort={cohort.pk}",
        "/api/good-practice/",
        "/search/",
        "/search/?q=insulin",
        "/search/?q=trust",
        "/search/?type=project&type=fellow",
        "/search/?"
        + "&".join(f"organisation={organisation.pk}" for organisation in organisations),
        "/fellows/",
        "/feeds/updates/",
        f"/feeds/projects/{project.pk}/",
        "/sitemap.xml",
    ]
    return contents_of(client, urls)


def set_organisation(project, organisation):
    """As staff would in the admin (the rows, without a new publish date)."""
    FellowProjectPage.objects.filter(pk=project.pk).update(organisation=organisation)
    empty_cache()


def test_nothing_published_depends_on_the_organisation_of_their_project(
    client, projects
):
    westdale = OrganisationFactory(name="Westdale NHS Trust")
    before = project_pages(client, projects)

    for organisation in (westdale, None):
        set_organisation(projects.hidden_project, organisation)
        after = project_pages(client, projects)

        for url in before:
            assert after[url] == before[url], (organisation, url)


def json_ld(html):
    (script,) = JSON_LD.findall(html)
    return json.loads(script)


def api_organisations(client):
    items = client.get("/api/projects/").json()["items"]
    return {item["title"]: item["organisation"] for item in items}


def organisation_facet(client, params):
    response = client.get("/search/", params)
    (facet,) = [
        f for f in response.context["outcome"].facets if f.name == "organisation"
    ]
    titles = sorted(item.title for _, item, _ in response.context["results"])
    return {label: count for _, label, count, _ in facet.choices}, titles, response


def test_a_project_without_a_named_fellow_shows_no_organisation(client, projects):
    project, hallam = projects.hidden_project, projects.hallam

    html = client.get(project.url).text
    assert "Not listed publicly" in html
    assert "Hallam Valley" not in html  # the facts, the JSON-LD, the good practice
    assert "parentOrganization" not in json_ld(html)
    detail = client.get(f"/api/projects/{project.pk}/").json()
    assert detail["organisation"] is None
    # Not the example from Hallam Valley: it would name the organisation.
    assert [example["title"] for example in detail["good_practice"]] == [
        "Linked by staff"
    ]
    assert api_organisations(client)["Safer insulin prescribing"] is None
    for url in (projects.url, projects.example.url):  # the project's card
        html = client.get(url).text
        assert "Safer insulin prescribing" in html, url
        assert "Hallam Valley" not in html, url

    counts, titles, _ = organisation_facet(client, {})
    assert "Hallam Valley NHS FT" not in counts
    assert "Safer insulin prescribing" in titles
    counts, titles, response = organisation_facet(client, {"organisation": hallam.pk})
    assert "We ignored a filter by" in response.text
    assert "Hallam Valley" not in response.text


def test_a_project_with_a_named_fellow_shows_its_organisation(client, projects):
    project, north = projects.named_project, projects.north

    html = client.get(project.url).text
    assert "Northfield NHS Trust" in html
    assert json_ld(html)["parentOrganization"] == {
        "@type": "Organization",
        "name": "Northfield NHS Trust",
    }
    detail = client.get(f"/api/projects/{project.pk}/").json()
    assert detail["organisation"] == "Northfield NHS Trust"
    assert sorted(example["title"] for example in detail["good_practice"]) == [
        "Linked by staff",
        "Shared by Northfield NHS Trust",
    ]
    assert api_organisations(client)["Calmer mealtimes"] == "Northfield NHS Trust"
    for url in (projects.url, projects.example.url):  # the project's card
        assert "Ann Able · Northfield NHS Trust" in client.get(url).text, url

    counts, titles, _ = organisation_facet(client, {})
    assert counts["Northfield NHS Trust"] == 1
    counts, titles, _ = organisation_facet(client, {"organisation": north.pk})
    assert titles == ["Calmer mealtimes"]
