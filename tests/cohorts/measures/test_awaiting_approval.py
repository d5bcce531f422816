"""Data awaiting approval: staff and administrators see every pending point,
grouped by project with its fellows, and a count on their dashboard; fellows
and coaches may not open it."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from cohorts.models import MeasurePoint
from tests.cohorts.roles import client_for
from tests.factories import MeasurePointFactory, ProjectMeasureFactory

URL = reverse("cohorts_awaiting_approval")


@pytest.fixture
def cast(cast):
    falls = ProjectMeasureFactory(
        project=cast.project_a, name="Falls per 1,000 bed days"
    )
    MeasurePointFactory(
        measure=falls, period=datetime.date(2015, 3, 1), value=4, approved=False
    )
    MeasurePointFactory(
        measure=falls, period=datetime.date(2015, 2, 1), value=6, approved=True
    )
    return cast


def sections(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        section.h2.get_text(strip=True): [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in section.tbody.find_all("tr")
        ]
        + [section.p.get_text(strip=True)]
        for section in soup.find_all("section")
    }


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_staff_see_pending_data_by_project_with_its_fellow(client, cast, role):
    response = client_for(client, cast.user(role)).get(URL)

    assert response.status_code == 200
    assert sections(response.text) == {
        "Amara Shah's project": [
            ["Falls per 1,000 bed days", "1 March 2015", "4", ""],
            "Amara Shah",
        ]
    }
    measure = MeasurePoint.objects.get(approved=False).measure
    assert reverse("cohorts_measures:data", args=[measure.pk]) in response.text
    assert reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]) in response.text


@pytest.mark.parametrize(
    "role", ["fellow A", "fellow B", "coach of A", "another coach"]
)
def test_fellows_and_coaches_may_not_open_it(client, cast, role):
    response = client_for(client, cast.user(role)).get(URL)

    assert response.status_code in (302, 403)
    assert "Falls per 1,000 bed days" not in response.text


def test_anonymous_visitors_are_sent_to_sign_in(client, cast):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_publishing_the_project_empties_the_list(client, cast):
    cast.project_a.save_revision().publish()

    html = client_for(client, cast.staff).get(URL).text

    assert "No data is waiting for approval." in html


def test_staff_dashboard_counts_pending_data(client, cast):
    html = client_for(client, cast.staff).get(reverse("wagtailadmin_home")).text

    assert "1 data point in 1 project is not yet on the public site." in html
    assert URL in html


@pytest.mark.parametrize("role", ["fellow A", "coach of A"])
def test_fellow_and_coach_dashboards_have_no_count(client, cast, role):
    html = client_for(client, cast.user(role)).get(reverse("wagtailadmin_home")).text

    assert 'id="awaiting-approval' not in html


def test_a_bad_page_number_is_not_found(client, cast):
    response = client_for(client, cast.staff).get(URL, {"p": "99"})

    assert response.status_code == 404


def test_queries_do_not_grow_with_projects(client, cast, count_queries):
    client_for(client, cast.staff)
    client.get(URL)
    few = count_queries(lambda: client.get(URL))
    for measure in ProjectMeasureFactory.create_batch(5, project=cast.project_b):
        MeasurePointFactory(measure=measure, approved=False)
        MeasurePointFactory(
            measure=measure, period=datetime.date(2014, 1, 1), approved=False
        )

    assert len(sections(client.get(URL).text)) == 2
    assert count_queries(lambda: client.get(URL)) == few
