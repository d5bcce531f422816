"""What the public pages show through the shared components: the summary lists
(components/summary_list.html) and the one fellow card
(cohorts/includes/fellow_card.html), read from the parsed HTML."""

import datetime

import pytest
from bs4 import BeautifulSoup

from cohorts.models import FellowProjectFellow
from tests.factories import (
    CoachFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.django_db


def summary_list(html, index=0):
    """The rows of the page's index-th summary list, as {key: value element}."""
    lists = BeautifulSoup(html, "html.parser").select("dl.nhsuk-summary-list")
    return {
        row.dt.get_text(strip=True): row.dd
        for row in lists[index].select(".nhsuk-summary-list__row")
    }


def card_of(html, name):
    """The card whose heading link says `name`."""
    soup = BeautifulSoup(html, "html.parser")
    link = soup.find("a", class_="nhsuk-card__link", string=name)
    return link.find_parent(class_="nhsuk-card")


@pytest.fixture
def fellow():
    FellowIndexPageFactory()
    cohort = CohortPageFactory(
        parent=ProgrammePageFactory(title="QI Fellowship"), title="Cohort 2014/15"
    )
    return FellowFactory(
        name="Grace Evans",
        slug="grace-evans",
        job_title="Ward manager",
        organisation=OrganisationFactory(name="Northfield NHS Trust"),
        cohort=cohort,
        coach=CoachFactory(name="Sam Okafor"),
    )


def test_project_page_summarises_the_project(client, fellow):
    project = FellowProjectPageFactory(
        parent=fellow.cohort,
        clinical_area="Diabetes",
        organisation=fellow.organisation,
        start_date=datetime.date(2014, 10, 1),
        end_date=datetime.date(2015, 6, 1),
    )
    FellowProjectFellow.objects.create(project=project, fellow=fellow)
    rows = summary_list(client.get(project.url).text)
    assert list(rows) == [
        "Fellow",
        "Coach",
        "Organisation",
        "Clinical area",
        "Themes",
        "Dates",
    ]
    assert rows["Fellow"].get_text(strip=True) == "Grace Evans, Ward manager (Nurse)"
    assert rows["Fellow"].a["href"] == "/fellows/grace-evans/"
    assert rows["Coach"].get_text(strip=True) == "Sam Okafor"
    assert rows["Themes"].get_text(strip=True) == "None given"
    assert rows["Dates"].get_text(strip=True) == "October 2014 to June 2015"


def test_fellow_profile_summarises_the_fellow(client, fellow):
    rows = summary_list(client.get("/fellows/grace-evans/").text)
    assert {key: dd.get_text(strip=True) for key, dd in rows.items()} == {
        "Job title": "Ward manager",
        "Profession": "Nurse",
        "Organisation": "Northfield NHS Trust",
        "Cohort": "QI Fellowship – Cohort 2014/15",
    }
    assert rows["Cohort"].a["href"] == fellow.cohort.url


@pytest.mark.parametrize(
    ("page", "meta", "tag"),
    [
        ("cohort", "Northfield NHS Trust", None),
        ("/fellows/", "QI Fellowship – Cohort 2014/15", None),
        ("/search/?q=Grace&type=fellow", "QI Fellowship – Cohort 2014/15", "Fellow"),
    ],
    ids=["cohort page", "fellow index", "search"],
)
def test_every_fellow_card_links_to_the_profile(client, fellow, page, meta, tag):
    url = fellow.cohort.url if page == "cohort" else page
    card = card_of(client.get(url).text, "Grace Evans")
    assert card.find("a", class_="nhsuk-card__link")["href"] == "/fellows/grace-evans/"
    assert card.find(class_="nhsuk-card__description").get_text(strip=True) == (
        "Ward manager"
    )
    assert card.find(class_="nhsuk-u-secondary-text-colour").get_text(strip=True) == (
        meta
    )
    found = card.find(class_="nhsuk-tag")
    assert (found.get_text(strip=True) if found else None) == tag
