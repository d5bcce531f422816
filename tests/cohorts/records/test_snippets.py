import io

import openpyxl
import pytest

from django.urls import reverse

from cohorts.models import AccreditationStatus, Coach, Fellow, Organisation, Theme
from tests.factories import (
    AccreditationStatusFactory,
    CoachFactory,
    CohortPageFactory,
    FellowFactory,
    OrganisationFactory,
)

SNIPPETS = [Fellow, Coach, Organisation, AccreditationStatus, Theme]


def snippet_url(model, action, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}",
        args=args,
    )


@pytest.mark.parametrize("model", SNIPPETS)
def test_snippet_listing_renders(admin_client, model):
    response = admin_client.get(snippet_url(model, "list"))
    assert response.status_code == 200


def test_fellow_listing_shows_columns_and_filters(admin_client):
    cohort = CohortPageFactory(title="Cohort 2013/14")
    FellowFactory(name="Dev Patel", cohort=cohort, profession=Fellow.Profession.DOCTOR)
    FellowFactory(name="Rosa Quinn", profession=Fellow.Profession.MIDWIFE)
    response = admin_client.get(
        snippet_url(Fellow, "list"), {"profession": Fellow.Profession.DOCTOR}
    )
    assert "Dev Patel" in response.text
    assert "Cohort 2013/14" in response.text
    assert "Rosa Quinn" not in response.text


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc"])
def test_fellow_listing_refuses_an_unknown_cohort_with_a_message(admin_client, value):
    FellowFactory(name="Dev Patel", cohort=CohortPageFactory())
    response = admin_client.get(snippet_url(Fellow, "list"), {"cohort": value})
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    # The results alone (fetched as the filters change) ignore the bad filter.
    response = admin_client.get(snippet_url(Fellow, "list_results"), {"cohort": value})
    assert response.status_code == 200
    assert "Dev Patel" in response.text


def test_fellow_listing_searches_by_name(admin_client):
    FellowFactory(name="Niamh Walsh")
    FellowFactory(name="Oliver Jones")
    response = admin_client.get(snippet_url(Fellow, "list"), {"q": "Niamh"})
    assert "Niamh Walsh" in response.text
    assert "Oliver Jones" not in response.text


def test_fellow_listing_query_count_is_flat(admin_client, count_queries):
    url = snippet_url(Fellow, "list")
    FellowFactory.create_batch(2, coach=CoachFactory(), cohort=CohortPageFactory())
    few = count_queries(lambda: admin_client.get(url))
    FellowFactory.create_batch(10, coach=CoachFactory(), cohort=CohortPageFactory())
    assert count_queries(lambda: admin_client.get(url)) == few


def test_fellow_can_be_created_in_the_admin(admin_client):
    organisation = OrganisationFactory()
    response = admin_client.post(
        snippet_url(Fellow, "add"),
        {
            "name": "Femi Adeyemi",
            "slug": "femi-adeyemi",
            "profession": Fellow.Profession.SCIENTIST,
            "organisation": organisation.pk,
            "bio": "",
            "job_title": "Clinical scientist",
        },
    )
    assert response.status_code == 302
    fellow = Fellow.objects.get(slug="femi-adeyemi")
    assert fellow.organisation == organisation
    assert fellow.public_consent is False


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Coach, {"name": "Helen Marsh", "bio": ""}),
        (
            Organisation,
            {"name": "Eastmoor NHS Trust", "kind": "nhs_trust", "region": ""},
        ),
        (AccreditationStatus, {"name": "Enrolled", "sort_order": 1}),
        (Theme, {"name": "Patient safety", "slug": "patient-safety"}),
    ],
)
def test_snippet_can_be_created_in_the_admin(admin_client, model, data):
    response = admin_client.post(snippet_url(model, "add"), data)
    assert response.status_code == 302
    assert model.objects.filter(name=data["name"]).exists()


def test_invalid_fellow_is_refused_with_a_message(admin_client):
    response = admin_client.post(snippet_url(Fellow, "add"), {"name": "", "slug": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Fellow.objects.exists()


def test_snippet_str():
    assert str(Fellow(name="Isla Lloyd")) == "Isla Lloyd"
    assert str(Coach(name="Tom Beckett")) == "Tom Beckett"
    assert (
        str(Organisation(name="Hallam Valley NHS Trust")) == "Hallam Valley NHS Trust"
    )
    assert str(AccreditationStatus(name="Enrolled")) == "Enrolled"
    assert str(Theme(name="Digital technology")) == "Digital technology"


def test_fellow_export_as_csv(admin_client):
    FellowFactory(name="Wei Chowdhury", email="wei@example.org")
    response = admin_client.get(snippet_url(Fellow, "list"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    header, row = body.splitlines()[:2]
    assert header.startswith("Name,Slug,Profession")
    assert "Wei Chowdhury" in row


def test_fellow_export_as_xlsx(admin_client):
    status = AccreditationStatusFactory(name="Enrolled")
    FellowFactory(name="Zac Vaughan", accreditation_status=status)
    response = admin_client.get(snippet_url(Fellow, "list"), {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.values)
    assert rows[1][0] == "Zac Vaughan"
    assert "Enrolled" in rows[1]
