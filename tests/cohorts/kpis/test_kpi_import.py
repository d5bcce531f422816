"""Importing a KPI's entered values from a spreadsheet: the same upload →
preview → confirm as a measure's data, into the KPI's values; only programme
staff and administrators may."""

import datetime
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts.models import KPIValue, ProgrammeKPI
from tests.cohorts.roles import ROLES, client_for
from tests.factories import ProgrammeKPIFactory

D = datetime.date
GOOD_CSV = (
    "date,value,annotation\n"
    "2015-01-01,61.5,\n"
    "01/04/2015,64,New induction\n"
    "2015-07-01,70,\n"
)


@pytest.fixture
def kpi(db):
    return ProgrammeKPIFactory(
        name="Learners who would recommend",
        period=ProgrammeKPI.Period.QUARTERLY,
        unit="%",
        unit_kind=ProgrammeKPI.UnitKind.PERCENTAGE,
    )


def csv_file(text, name="kpi.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def preview(client, kpi, **data):
    return client.post(reverse("cohorts_kpis:import", args=[kpi.pk]), data)


def confirm(client, kpi, response):
    return client.post(
        reverse("cohorts_kpis:confirm", args=[kpi.pk]),
        {"token": response.context["token"]},
    )


def stored(kpi):
    return list(
        KPIValue.objects.filter(kpi=kpi)
        .order_by("period")
        .values_list("period", "value", "annotation")
    )


def test_a_good_file_is_previewed_then_written_on_confirm(admin_client, kpi):
    response = preview(admin_client, kpi, file=csv_file(GOOD_CSV))

    assert response.status_code == 200
    assert b"Ready to import: 3 new, 0 updated, 0 unchanged." in response.content
    assert stored(kpi) == []

    done = admin_client.get(confirm(admin_client, kpi, response).url).text

    assert "3 new, 0 updated, 0 unchanged." in done
    editor = reverse("wagtailsnippets_cohorts_programmekpi:edit", args=[kpi.pk])
    assert f'href="{editor}"' in done
    assert stored(kpi) == [
        (D(2015, 1, 1), Decimal("61.5"), ""),
        (D(2015, 4, 1), Decimal("64"), "New induction"),
        (D(2015, 7, 1), Decimal("70"), ""),
    ]


def test_imported_values_follow_the_stored_ones_in_the_editor(admin_client, kpi):
    KPIValue.objects.create(kpi=kpi, period=D(2014, 10, 1), value=60, sort_order=4)

    confirm(admin_client, kpi, preview(admin_client, kpi, file=csv_file(GOOD_CSV)))

    orders = KPIValue.objects.filter(kpi=kpi).order_by("sort_order")
    assert [value.period for value in orders] == [
        D(2014, 10, 1),
        D(2015, 1, 1),
        D(2015, 4, 1),
        D(2015, 7, 1),
    ]


def test_a_stored_period_is_updated_and_the_preview_says_so(admin_client, kpi):
    KPIValue.objects.create(kpi=kpi, period=D(2015, 1, 1), value=55)

    response = preview(admin_client, kpi, file=csv_file(GOOD_CSV))

    assert b"Ready to import: 2 new, 1 updated, 0 unchanged." in response.content
    assert b"replaces the stored value 55" in response.content
    confirm(admin_client, kpi, response)
    assert stored(kpi)[0] == (D(2015, 1, 1), Decimal("61.5"), "")


def test_every_problem_in_a_file_is_listed_and_nothing_is_written(admin_client, kpi):
    KPIValue.objects.create(kpi=kpi, period=D(2014, 10, 1), value=60)
    text = (
        "date,value\n"
        "2015-02-01,60\n"  # not the start of a quarter
        "2015-04-01,130\n"  # a percentage over 100
        "2015-07-01,many\n"  # not a number
        "someday,50\n"  # not a date
        "2015-10-01,\n"  # empty value
        "2015-04-01,65\n"  # a second row for one quarter
        "2099-01-01,50\n"  # in the future
    )

    response = preview(admin_client, kpi, file=csv_file(text))

    assert response.status_code == 400
    assert response.context["result"].errors == [
        "Row 2: date: Date the value the first day of its quarter (1 January, "
        "1 April, 1 July or 1 October).",
        "Row 3: value: A percentage is between 0 and 100; 130 is not.",
        "Row 4: value: 'many' is not a number.",
        "Row 5: date: 'someday' is not a date (use 2015-03-31 or 31/03/2015).",
        "Row 6: value: this cell is empty.",
        "Row 7: date: 2015-04-01 is also on row 3; each period may appear once.",
        "Row 8: date: This date is in the future: enter values for periods that "
        "have started.",
    ]
    page = response.content.decode()
    assert "7 problems found. Nothing has been saved." in page
    assert "130 is not." in page
    assert response.context["token"] is None
    assert stored(kpi) == [(D(2014, 10, 1), Decimal("60"), "")]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("kpi.xlsx", b"PK\x03\x04 not a workbook"),
            "could not be read as an Excel workbook",
        ),
        (SimpleUploadedFile("kpi.csv", b"date,value\n\xff\xfe,1\n"), "UTF-8"),
        (csv_file("when,score\n2015-01-01,9\n"), "Missing columns: date, value."),
    ],
    ids=["corrupt xlsx", "not text", "wrong columns"],
)
def test_a_corrupt_file_is_a_clear_400_and_writes_nothing(
    admin_client, kpi, upload, message
):
    response = preview(admin_client, kpi, file=upload)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert stored(kpi) == []


def test_pasted_cells_are_imported(admin_client, kpi):
    response = preview(admin_client, kpi, pasted="date\tvalue\n2015-01-01\t61\n")

    confirm(admin_client, kpi, response)

    assert stored(kpi) == [(D(2015, 1, 1), Decimal("61"), "")]


def test_a_preview_confirms_only_its_own_kpi(admin_client, kpi):
    response = preview(admin_client, kpi, file=csv_file(GOOD_CSV))
    other = ProgrammeKPIFactory(programme=kpi.programme)

    refused = confirm(admin_client, other, response)

    assert refused.url == reverse("cohorts_kpis:import", args=[other.pk])
    assert stored(other) == []
    assert stored(kpi) == []


def test_a_computed_kpi_has_no_import(admin_client, kpi):
    kpi.source = ProgrammeKPI.Source.SATISFACTION
    kpi.save()

    response = preview(admin_client, kpi, file=csv_file(GOOD_CSV))

    assert response.status_code == 404
    assert stored(kpi) == []


# Columns: anonymous, fellow A, fellow B, coach of A, another coach, staff, superuser.
MAY_IMPORT = [False, False, False, False, False, True, True]


@pytest.mark.parametrize(("role", "allowed"), list(zip(ROLES, MAY_IMPORT, strict=True)))
def test_who_may_import_kpi_values(client, cast, role, allowed, kpi):
    client = client_for(client, cast.user(role))

    response = preview(client, kpi, file=csv_file(GOOD_CSV))
    if allowed:
        confirm(client, kpi, response)
        assert len(stored(kpi)) == 3
    else:
        assert response.status_code == 302
        assert "/login/" in response.url or response.url == reverse("wagtailadmin_home")
        assert stored(kpi) == []


@pytest.mark.parametrize(("role", "allowed"), list(zip(ROLES, MAY_IMPORT, strict=True)))
def test_who_may_open_the_kpi_import_page(client, cast, role, allowed, kpi):
    response = client_for(client, cast.user(role)).get(
        reverse("cohorts_kpis:import", args=[kpi.pk])
    )

    if allowed:
        assert response.status_code == 200
        assert "Import the data for Learners who would recommend" in (
            response.content.decode()
        )
    else:
        assert response.status_code == 302
        assert stored(kpi) == []


@pytest.mark.parametrize("view", ["list", "edit"])
def test_staff_find_the_import_from_the_kpi_listing_and_editor(client, cast, kpi, view):
    computed = ProgrammeKPIFactory(source=ProgrammeKPI.Source.SATISFACTION)
    client.force_login(cast.staff)
    args = [] if view == "list" else [kpi.pk]

    page = client.get(
        reverse(f"wagtailsnippets_cohorts_programmekpi:{view}", args=args)
    ).content.decode()

    assert reverse("cohorts_kpis:import", args=[kpi.pk]) in page
    assert reverse("cohorts_kpis:import", args=[computed.pk]) not in page
