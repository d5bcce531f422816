"""Statistical disclosure control: the published numbers never single out a
fellow who did not consent.

A 6-fellow cohort where 5 consented. If everything published about it (the
cohort, programme and impact pages, the CSV, the API, the fellows' pages and
the search) is exactly the same whatever the non-consenting fellow's
profession, organisation, accreditation and outcome records, then no
combination of those numbers, subtracted from each other or from the five
public profiles, can tell anything about them."""

import csv
import io
import json

import pytest

from cohorts.models import Fellow, FellowOutcome
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

Profession = Fellow.Profession


@pytest.fixture
def cohort(db):
    FellowIndexPageFactory()
    programme = ProgrammePageFactory(title="QI Fellowship")
    cohort = CohortPageFactory(parent=programme, title="Cohort 2014")
    north = OrganisationFactory(name="Northfield NHS Trust")
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


def published(client, cohort):
    """Everything the public can fetch that counts or lists the cohort's fellows."""
    programme = cohort.programme
    pages = {}
    for url in (
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
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


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
