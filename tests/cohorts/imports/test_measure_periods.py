"""Dates that fit the measure's frequency, on the data page and in the import:
a date is stored as the start of its period and the user is told; two dates
in one period and dates in the future are refused. And the data page's
"astronomical" mark."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import timezone

from cohorts.models import ProjectMeasure
from tests.factories import MeasurePointFactory, ProjectMeasureFactory

from .test_measure_import import confirm, csv_file, data_form, preview, stored

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def measure(db):
    return ProjectMeasureFactory()  # monthly


def data_url(measure):
    return reverse("cohorts_measures:data", args=[measure.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_data_page_stores_a_mid_month_date_as_the_month_and_says_so(
    admin_client, measure
):
    form = data_form([], [{"period": "2015-03-15", "value": "7"}])
    response = admin_client.post(data_url(measure), form, follow=True)
    assert response.status_code == 200
    assert stored(measure) == [(datetime.date(2015, 3, 1), Decimal("7"), "")]
    assert (
        "15 March 2015 is stored as 1 March 2015: a monthly measure has one point "
        "a month, dated the first day of the month."
    ) in " ".join(messages_of(response))


def test_data_page_says_nothing_about_dates_already_at_their_period(
    admin_client, measure
):
    form = data_form([], [{"period": "2015-03-01", "value": "7"}])
    response = admin_client.post(data_url(measure), form, follow=True)
    assert "is stored as" not in " ".join(messages_of(response))


def test_data_page_stores_a_weekly_date_as_its_monday(admin_client, db):
    measure = ProjectMeasureFactory(frequency=ProjectMeasure.Frequency.WEEKLY)
    form = data_form([], [{"period": "2015-03-12", "value": "7"}])
    assert admin_client.post(data_url(measure), form).status_code == 302
    assert stored(measure) == [(datetime.date(2015, 3, 9), Decimal("7"), "")]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [{"period": "2015-03-15", "value": "7"}],
            "Two rows are for the same month: each month may appear only once.",
        ),
        (
            [
                {"period": "2015-04-02", "value": "7"},
                {"period": "2015-04-20", "value": "8"},
            ],
            "Two rows are for the same month: each month may appear only once.",
        ),
        (
            [{"period": TOMORROW.isoformat(), "value": "7"}],
            "is in the future: enter data only for dates that have passed.",
        ),
    ],
    ids=["same month as a stored point", "two new rows in one month", "future"],
)
def test_data_page_refuses_dates_that_do_not_fit_and_writes_nothing(
    admin_client, measure, rows, message
):
    point = MeasurePointFactory(measure=measure, period="2015-03-01", value=12)
    response = admin_client.post(data_url(measure), data_form([point], rows))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored(measure) == [(datetime.date(2015, 3, 1), Decimal("12"), "")]


def test_data_page_marks_a_point_astronomical(admin_client, measure):
    point = MeasurePointFactory(measure=measure, period="2015-03-01", value=40)
    page = admin_client.get(data_url(measure)).content.decode()
    assert 'name="points-0-astronomical"' in page
    form = data_form([point], [])
    form["points-0-astronomical"] = "on"
    assert admin_client.post(data_url(measure), form).status_code == 302
    point.refresh_from_db()
    assert point.astronomical


def test_import_preview_says_where_a_date_moved_and_stores_it_there(
    admin_client, measure
):
    response = preview(
        admin_client, measure, file=csv_file("date,value\n15/03/2015,7\n")
    )
    assert response.status_code == 200
    assert (
        "15 March 2015 is stored as 1 March 2015: a monthly measure has one point "
        "a month, dated the first day of the month."
    ) in response.content.decode()
    confirm(admin_client, measure, response)
    assert stored(measure) == [(datetime.date(2015, 3, 1), Decimal("7"), "")]


def test_import_of_a_mid_month_date_updates_the_stored_month(admin_client, measure):
    MeasurePointFactory(measure=measure, period="2015-03-01", value=12)
    response = preview(
        admin_client, measure, file=csv_file("date,value\n2015-03-20,7\n")
    )
    assert b"Ready to import: 0 new, 1 updated, 0 unchanged." in response.content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "date,value\n2015-03-02,9\n2015-03-20,8\n",
            "Row 3: date: 2015-03-01 is also on row 2; each period may appear once.",
        ),
        (
            f"date,value\n2015-03-02,9\n{TOMORROW:%d/%m/%Y},8\n",
            f"Row 3: date: {TOMORROW.day} {TOMORROW:%B %Y} is in the future: "
            "enter data only for dates that have passed.",
        ),
    ],
    ids=["two rows in one month", "future"],
)
def test_import_refuses_dates_that_do_not_fit_and_writes_nothing(
    admin_client, measure, text, message
):
    response = preview(admin_client, measure, file=csv_file(text))
    assert response.status_code == 400
    assert message in [str(error) for error in response.context["result"].errors]
    assert stored(measure) == []
