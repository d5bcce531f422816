"""Two programmes each with a "Cohort 2016/17": wherever the admin names a
cohort outside its programme's pages (the fellow listing, its filter, export
and chooser, the reports' filters and rows, the outcome filter), it is
"<Programme> <en dash> <Cohort>"."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowOutcomeFactory,
    ProgrammePageFactory,
)

QI = "Quality Improvement Fellowship – Cohort 2016/17"
LEADERSHIP = "Clinical Leadership Fellowship – Cohort 2016/17"
FELLOWS_URL = reverse("wagtailsnippets_cohorts_fellow:list")


@pytest.fixture
def twins(db):
    """The two cohorts of the same name, a fellow in each."""
    cohorts = {}
    for programme in (
        "Quality Improvement Fellowship",
        "Clinical Leadership Fellowship",
    ):
        cohorts[programme] = CohortPageFactory(
            title="Cohort 2016/17", parent=ProgrammePageFactory(title=programme)
        )
    qi = cohorts["Quality Improvement Fellowship"]
    leadership = cohorts["Clinical Leadership Fellowship"]
    FellowFactory(name="Farhan Kowalski", cohort=qi)
    FellowFactory(name="Grace Lin", cohort=leadership)
    return qi, leadership


def option_labels(html, name):
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    return [option.get_text(strip=True) for option in select.find_all("option")]


def rows(html):
    table = BeautifulSoup(html, "html.parser").find("table", class_="listing")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        for row in table.tbody.find_all("tr")
    ]


def test_fellow_listing_names_each_cohort_with_its_programme(admin_client, twins):
    html = admin_client.get(FELLOWS_URL).text

    listed = {row[1].split(" Account")[0]: row for row in rows(html)}
    assert QI in listed["Farhan Kowalski"]
    assert LEADERSHIP in listed["Grace Lin"]


def test_fellow_listing_filter_names_each_cohort_with_its_programme(
    admin_client, twins
):
    qi, _ = twins
    html = admin_client.get(FELLOWS_URL, {"cohort": qi.pk}).text

    assert {QI, LEADERSHIP} <= set(option_labels(html, "cohort"))
    assert [row[1].split(" Account")[0] for row in rows(html)] == ["Farhan Kowalski"]


def test_fellow_export_names_each_cohort_with_its_programme(admin_client, twins):
    response = admin_client.get(FELLOWS_URL, {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    exported = list(csv.DictReader(io.StringIO(text)))

    assert {row["Name"]: row["Cohort"] for row in exported} == {
        "Farhan Kowalski": QI,
        "Grace Lin": LEADERSHIP,
    }


def test_fellow_chooser_shows_each_fellows_cohort(admin_client, twins):
    response = admin_client.get(reverse("wagtailsnippetchoosers_cohorts_fellow:choose"))

    assert QI in response.json()["html"]
    assert LEADERSHIP in response.json()["html"]


def test_fellow_listing_queries_do_not_grow_with_fellows(
    admin_client, twins, count_queries
):
    admin_client.get(FELLOWS_URL)
    few = count_queries(lambda: admin_client.get(FELLOWS_URL))
    qi, leadership = twins
    for n in range(10):
        FellowFactory(cohort=qi if n % 2 else leadership)

    assert len(rows(admin_client.get(FELLOWS_URL).text)) == 12
    assert count_queries(lambda: admin_client.get(FELLOWS_URL)) == few


@pytest.mark.parametrize(
    "report", ["cohort_progress", "stale_projects", "accreditation_progress"]
)
def test_report_filters_name_each_cohort_with_its_programme(
    admin_client, twins, report
):
    html = admin_client.get(reverse(f"cohorts_report_{report}")).text

    assert {QI, LEADERSHIP} <= set(option_labels(html, "cohort"))


@pytest.mark.parametrize("report", ["cohort_progress", "accreditation_progress"])
def test_report_rows_name_each_cohort_with_its_programme(admin_client, twins, report):
    listed = rows(admin_client.get(reverse(f"cohorts_report_{report}")).text)

    assert {row[0]: row[1] for row in listed} == {
        "Farhan Kowalski": QI,
        "Grace Lin": LEADERSHIP,
    }


def test_outcome_filter_names_each_cohort_with_its_programme(admin_client, twins):
    qi, _ = twins
    FellowOutcomeFactory(title="Poster in Leeds", fellow=qi.fellows.get())
    FellowOutcomeFactory(title="Talk in York", fellow__cohort=twins[1])

    html = admin_client.get("/admin/cohorts/fellowoutcome/", {"cohort": qi.pk}).text

    assert QI in html and LEADERSHIP in html
    assert "Poster in Leeds" in html
    assert "Talk in York" not in html


def test_fellow_listing_search_keeps_the_programme_in_the_cohort(admin_client, twins):
    html = admin_client.get(FELLOWS_URL, {"q": "Farhan"}).text

    (row,) = rows(html)
    assert QI in row


def test_fellow_chooser_search_keeps_the_programme_in_the_cohort(admin_client, twins):
    response = admin_client.get(
        reverse("wagtailsnippetchoosers_cohorts_fellow:choose_results"), {"q": "Grace"}
    )

    assert LEADERSHIP in response.text
    assert "Farhan" not in response.text
