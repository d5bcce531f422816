import io

import openpyxl
import pytest

from cohorts.models import FellowOutcome
from tests.factories import CohortPageFactory, FellowOutcomeFactory

INDEX_URL = "/admin/cohorts/fellowoutcome/"


def test_outcome_listing_renders(admin_client):
    FellowOutcomeFactory(title="Poster at the regional forum")
    response = admin_client.get(INDEX_URL)
    assert response.status_code == 200
    assert "Poster at the regional forum" in response.text


def test_outcome_listing_filters_by_kind(admin_client):
    FellowOutcomeFactory(title="A promotion", kind=FellowOutcome.Kind.PROMOTION)
    FellowOutcomeFactory(title="A publication", kind=FellowOutcome.Kind.PUBLICATION)
    response = admin_client.get(INDEX_URL, {"kind": FellowOutcome.Kind.PROMOTION})
    assert "A promotion" in response.text
    assert "A publication" not in response.text


def test_outcome_listing_searches(admin_client):
    FellowOutcomeFactory(title="Sepsis poster")
    FellowOutcomeFactory(title="Falls talk")
    response = admin_client.get(INDEX_URL, {"q": "Sepsis"})
    assert "Sepsis poster" in response.text
    assert "Falls talk" not in response.text


def test_outcome_export_as_spreadsheet(admin_client):
    FellowOutcomeFactory(title="Article in a quality journal", kind="publication")
    response = admin_client.get(INDEX_URL, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    assert rows[0][:4] == ("Fellow", "Kind", "Date", "Title")
    assert rows[1][3] == "Article in a quality journal"


def test_outcome_str():
    outcome = FellowOutcome(title="Staff award", kind=FellowOutcome.Kind.AWARD)
    assert str(outcome) == "Staff award (Award)"


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "params",
    [
        {"date__gte": "notadate"},
        {"date__lt": "2024-13-45"},
        {"fellow__cohort": "abc"},
        {"fellow__cohort": HUGE},
        {"fellow__cohort__id__exact": HUGE},
        {"fellow__cohort__id__exact": "1.5"},
        {"cohort": "abc"},
        {"cohort": HUGE},
        {"cohort": "0"},
        {"kind": "a\x00b"},
        {"q": "a\x00b"},
    ],
)
def test_outcome_listing_filter_it_cannot_apply_redirects_with_a_message(
    admin_client, params
):
    FellowOutcomeFactory(
        title="Poster at the regional forum", fellow__cohort=CohortPageFactory()
    )
    response = admin_client.get(INDEX_URL, params)
    assert response.status_code == 302
    assert response["Location"] == INDEX_URL
    response = admin_client.get(INDEX_URL)
    assert "We could not apply that filter" in response.text
    assert "Poster at the regional forum" in response.text
