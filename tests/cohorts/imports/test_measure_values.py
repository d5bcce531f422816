"""A value its kind of unit cannot take is refused, with a message, on the data
page and in the import: a percentage lives between 0 and 100, a count or a
rate at or above 0 (DOMAIN.md, "Honest numbers")."""

import pytest

from django.urls import reverse

from tests.factories import MeasurePointFactory, ProjectMeasureFactory

from .test_measure_import import csv_file, data_form, preview, stored


def data_url(measure):
    return reverse("cohorts_measures:data", args=[measure.pk])


@pytest.mark.parametrize(
    ("unit_kind", "value", "message"),
    [
        ("rate", "-4", "A rate is 0 or more; -4 is not."),
        ("count", "-1", "A count is 0 or more; -1 is not."),
        ("percentage", "100.5", "A percentage is between 0 and 100; 100.5 is not."),
        ("percentage", "-0.1", "A percentage is between 0 and 100; -0.1 is not."),
    ],
)
def test_data_page_refuses_a_value_outside_the_units_bounds(
    admin_client, db, unit_kind, value, message
):
    measure = ProjectMeasureFactory(unit_kind=unit_kind)
    form = data_form([], [{"period": "2015-03-01", "value": value}])
    response = admin_client.post(data_url(measure), form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored(measure) == []


@pytest.mark.parametrize(
    ("unit_kind", "value"),
    [("rate", "0"), ("percentage", "100"), ("percentage", "0"), ("other", "-40")],
)
def test_data_page_accepts_a_value_inside_the_units_bounds(
    admin_client, db, unit_kind, value
):
    measure = ProjectMeasureFactory(unit_kind=unit_kind)
    form = data_form([], [{"period": "2015-03-01", "value": value}])
    assert admin_client.post(data_url(measure), form).status_code == 302
    assert len(stored(measure)) == 1


def test_import_refuses_a_negative_rate_on_its_row_and_writes_nothing(admin_client, db):
    measure = ProjectMeasureFactory(unit_kind="rate")
    upload = csv_file("date,value\n2015-01-01,3\n2015-02-01,-4\n")
    response = preview(admin_client, measure, file=upload)
    assert response.status_code == 400
    page = response.content.decode()
    assert "value: A rate is 0 or more; -4 is not." in page
    assert "token" not in response.context or not response.context["token"]
    assert stored(measure) == []


def test_a_stored_value_out_of_bounds_does_not_block_new_data(admin_client, db):
    """Data stored before the bounds were checked stays (the chart draws it at
    the bound) and does not stop anyone saving the page; changing it to another
    impossible value is refused."""
    measure = ProjectMeasureFactory(unit_kind="percentage")
    old = MeasurePointFactory(measure=measure, period="2015-01-01", value="103.5")
    form = data_form([old], [{"period": "2015-02-01", "value": "88"}])
    assert admin_client.post(data_url(measure), form).status_code == 302
    assert len(stored(measure)) == 2

    old.value = "104"
    response = admin_client.post(data_url(measure), data_form([old], []))
    assert response.status_code == 400
    assert "A percentage is between 0 and 100; 104 is not." in response.content.decode()


def test_the_data_page_shows_stored_values_without_trailing_zeros(admin_client, db):
    measure = ProjectMeasureFactory()
    MeasurePointFactory(measure=measure, period="2015-01-01", value="47.800")
    MeasurePointFactory(measure=measure, period="2015-02-01", value="100")
    html = admin_client.get(data_url(measure)).content.decode()
    assert 'value="47.8"' in html
    assert 'value="100"' in html
