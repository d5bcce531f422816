"""A measure's data goes through approval like the rest of a fellow's work: a
fellow's points await approval of the project; staff's are approved at once."""

from decimal import Decimal

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

from cohorts.models import MeasurePoint
from tests.cohorts.access.test_moderation import act
from tests.cohorts.access.test_permissions import project_form
from tests.cohorts.imports.test_measure_import import (
    GOOD_CSV,
    confirm,
    csv_file,
    data_form,
    preview,
)
from tests.factories import MeasurePointFactory, ProjectMeasureFactory
from tests.factories.measures import month


@pytest.fixture
def measure(cast):
    """A measure of fellow A's live project, with one approved point."""
    measure = ProjectMeasureFactory(project=cast.project_a, name="Falls")
    MeasurePointFactory(measure=measure, period=month(0), value=12)
    return measure


def data_url(measure):
    return reverse("cohorts_measures:data", args=[measure.pk])


def add_point(client, user, measure, period="2015-03-01", value="7"):
    client.force_login(user)
    existing = list(measure.points.order_by("period"))
    return client.post(
        data_url(measure),
        data_form(existing, [{"period": period, "value": value, "annotation": ""}]),
    )


def public_points(client, measure):
    """The number of points the public project page lists in the measure's data
    table (None: the page says there is no data)."""
    client.logout()
    html = client.get(measure.project.url).content.decode()
    if "No data has been published for this measure yet." in html:
        return None
    return int(html.split(f"The data for {measure.name} (")[1].split(" point")[0])


def api_periods(client, measure):
    client.logout()
    analysis = client.get(f"/api/measures/{measure.pk}/").json()["analysis"]
    return [point["period"] for point in analysis["points"]] if analysis else []


def measure_row(measure):
    return {
        "id": measure.pk,
        "name": measure.name,
        "kind": measure.kind,
        "operational_definition": measure.operational_definition,
        "unit": measure.unit,
        "unit_kind": measure.unit_kind,
        "data_source": measure.data_source,
        "frequency": measure.frequency,
        "improvement_direction": measure.improvement_direction,
        "baseline": "",
        "target": "",
        "recalculate_from": "",
    }


def submit_project(client, cast, measure):
    client.force_login(cast.fellow_a.user)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]),
        project_form(
            cast.project_a,
            measures=inline_formset([measure_row(measure)], initial=1),
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    return Page.objects.get(pk=cast.project_a.pk)


def test_fellows_new_point_awaits_approval(client, cast, measure):
    response = add_point(client, cast.fellow_a.user, measure)

    assert response.status_code == 302
    point = measure.points.get(period="2015-03-01")
    assert not point.approved
    page = client.get(data_url(measure)).content.decode()
    assert "Awaiting approval" in page
    assert public_points(client, measure) == 1
    assert api_periods(client, measure) == ["2014-01-01"]


def test_measure_with_only_pending_data_has_no_public_analysis(client, cast):
    measure = ProjectMeasureFactory(project=cast.project_a, name="Falls")
    MeasurePointFactory(measure=measure, approved=False)

    assert client.get(f"/api/measures/{measure.pk}/").json()["analysis"] is None
    assert public_points(client, measure) is None


def test_fellows_point_goes_public_when_staff_approve_the_project(
    client, cast, measure
):
    add_point(client, cast.fellow_a.user, measure)
    submitted = submit_project(client, cast, measure)
    assert submitted.workflow_in_progress
    assert public_points(client, measure) == 1

    act(client, submitted, cast.staff, "approve")

    assert measure.points.get(period="2015-03-01").approved
    assert public_points(client, measure) == 2
    assert api_periods(client, measure) == ["2014-01-01", "2015-03-01"]


def test_rejecting_the_project_keeps_the_point_pending(client, cast, measure):
    add_point(client, cast.fellow_a.user, measure)
    submitted = submit_project(client, cast, measure)

    act(client, submitted, cast.staff, "reject", comment="Check March's count.")

    assert not measure.points.get(period="2015-03-01").approved
    assert public_points(client, measure) == 1


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_staff_point_is_public_at_once(client, cast, measure, role):
    user = cast.user(role)
    add_point(client, user, measure)

    assert measure.points.get(period="2015-03-01").approved
    assert public_points(client, measure) == 2
    client.force_login(user)
    assert "Awaiting approval" not in client.get(data_url(measure)).content.decode()


def test_fellows_change_to_an_approved_point_is_withdrawn_until_approval(
    client, cast, measure
):
    client.force_login(cast.fellow_a.user)
    form = data_form(list(measure.points.all()), [])
    form["points-0-value"] = "15"
    client.post(data_url(measure), form)

    point = measure.points.get()
    assert (point.value, point.approved) == (Decimal("15"), False)
    assert public_points(client, measure) is None


def test_fellow_cannot_delete_an_approved_point(client, cast, measure):
    client.force_login(cast.fellow_a.user)
    form = data_form(list(measure.points.all()), [])
    form["points-0-DELETE"] = "on"

    response = client.post(data_url(measure), form)

    assert response.status_code == 302
    assert measure.points.get().approved
    html = client.get(data_url(measure)).content.decode()
    assert 'name="points-0-DELETE"' in html
    assert "disabled" in html.split('name="points-0-DELETE"')[1].split(">")[0]


def test_fellow_can_delete_a_pending_point(client, cast, measure):
    pending = MeasurePointFactory(measure=measure, period=month(1), approved=False)
    client.force_login(cast.fellow_a.user)
    form = data_form(list(measure.points.order_by("period")), [])
    form["points-1-DELETE"] = "on"

    client.post(data_url(measure), form)

    assert not MeasurePoint.objects.filter(pk=pending.pk).exists()


def test_staff_can_delete_an_approved_point(client, cast, measure):
    client.force_login(cast.staff)
    form = data_form(list(measure.points.all()), [])
    form["points-0-DELETE"] = "on"

    client.post(data_url(measure), form)

    assert not measure.points.exists()


@pytest.mark.parametrize(("role", "approved"), [("fellow A", False), ("staff", True)])
def test_imported_points_are_approved_only_for_staff(
    client, cast, measure, role, approved
):
    client.force_login(cast.user(role))
    response = preview(client, measure, file=csv_file(GOOD_CSV))
    assert ("will await approval" in response.content.decode()) is not approved

    confirm(client, measure, response)

    imported = measure.points.filter(period__year=2015)
    assert [point.approved for point in imported] == [approved, approved]


def test_preview_shows_pending_points(cast, measure):
    MeasurePointFactory(measure=measure, period=month(1), value=9, approved=False)

    html = cast.project_a.make_preview_request().render().content.decode()

    assert "The data for Falls (2 points)" in html
    assert "This preview includes 1 data point awaiting approval." in html


def test_public_page_and_preview_chart_different_points(client, cast, measure):
    """The cached chart's key covers only the points shown, so the preview's
    chart never leaks into the public page."""
    MeasurePointFactory(measure=measure, period=month(1), value=9, approved=False)
    cast.project_a.make_preview_request().render()

    assert public_points(client, measure) == 1


def test_editor_says_data_waits_for_approval(client, cast, measure):
    client.force_login(cast.fellow_a.user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]))

    html = " ".join(response.content.decode().split())
    assert "as soon as it is saved" not in html
    assert (
        "New and changed points show in the project's preview at once, and on "
        "the public project page once programme staff approve the project"
    ) in html
