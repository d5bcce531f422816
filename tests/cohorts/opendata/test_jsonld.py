import json
import re

import pytest

from cohorts.models import FellowProjectFellow
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, page):
    html = client.get(page.url).text
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def cohort(db):
    FellowIndexPageFactory()
    programme = ProgrammePageFactory(
        title="QI fellowship",
        intro="A year of improvement.",
        run_by=OrganisationFactory(name="North Coast HEE"),
    )
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014")
    trust = OrganisationFactory(name="Northfield NHS Trust")
    FellowFactory(
        name="Grace Patel",
        slug="grace-patel",
        job_title="Ward manager",
        organisation=trust,
        cohort=cohort,
        public_consent=True,
    )
    FellowFactory(name="Hidden Person", cohort=cohort, public_consent=False)
    return cohort


@pytest.fixture
def project(cohort):
    project = FellowProjectPageFactory(
        parent=cohort, title="Fewer falls", summary="Hourly rounding."
    )
    for fellow in cohort.fellows.all():
        FellowProjectFellow.objects.create(project=project, fellow=fellow)
    return project


def test_programme_page_describes_the_programme(client, cohort):
    data = json_ld(client, cohort.get_parent())
    assert data == {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "QI fellowship",
        "description": "A year of improvement.",
        "url": cohort.get_parent().full_url,
        "provider": {"@type": "Organization", "name": "North Coast HEE"},
    }


def test_cohort_page_lists_consenting_fellows_only(client, cohort):
    data = json_ld(client, cohort)
    assert data["@type"] == "EducationEvent"
    assert data["startDate"] == "2014-09-01"
    assert data["attendee"] == [
        {
            "@type": "Person",
            "name": "Grace Patel",
            "jobTitle": "Ward manager",
            "url": "http://testserver/fellows/grace-patel/",
            "affiliation": {"@type": "Organization", "name": "Northfield NHS Trust"},
        }
    ]


def test_project_page_lists_consenting_members_only(client, project):
    data = json_ld(client, project)
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Fewer falls"
    assert data["description"] == "Hourly rounding."
    assert [member["name"] for member in data["member"]] == ["Grace Patel"]


@pytest.mark.parametrize("page", ["cohort", "project"])
def test_structured_data_has_no_private_details(client, project, page):
    text = json.dumps(json_ld(client, project if page == "project" else project.cohort))
    assert "Hidden Person" not in text
    assert "@example.org" not in text


def test_markup_in_a_title_cannot_break_out_of_the_script(client, cohort):
    title = "Falls </script><script>alert(1)</script> & more"
    project = FellowProjectPageFactory(parent=cohort, title=title)
    html = client.get(project.url).text
    assert "<script>alert(1)" not in html
    assert json_ld(client, project)["name"] == title


def test_other_pages_have_no_structured_data(client, home_page):
    assert "application/ld+json" not in client.get(home_page.url).text
