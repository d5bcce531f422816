"""Entering a measure's data in the admin: the data page (inline rows) and the
import of CSV/XLSX files or pasted cells, with who may do each."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts.models import ImportRun, MeasurePoint
from cohorts.spreadsheets import MAX_FILE_SIZE
from tests.cohorts.roles import ROLES, client_for
from tests.factories import MeasurePointFactory, ProjectMeasureFactory


@pytest.fixture
def measure(db):
    return ProjectMeasureFactory()


def csv_file(text, name="falls.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows, name="falls.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return SimpleUploadedFile(name, stream.getvalue())


def preview(client, measure, **data):
    return client.post(reverse("cohorts_measures:import", args=[measure.pk]), data)


def confirm(client, measure, response):
    return client.post(
        reverse("cohorts_measures:confirm", args=[measure.pk]),
        {"token": response.context["token"]},
    )


def stored(measure):
    return list(measure.points.values_list("period", "value", "annotation"))


GOOD_CSV = "date,value,annotation\n2015-01-01,9.5,\n01/02/2015,8,Ward closed\n"


def test_good_csv_is_previewed_and_written_only_on_confirm(admin_client, measure):
    response = preview(admin_client, measure, file=csv_file(GOOD_CSV))
    assert response.status_code == 200
    assert b"Ready to import: 2 new, 0 updated, 0 unchanged." in response.content
    assert stored(measure) == []

    response = confirm(admin_client, measure, response)
    run = ImportRun.objects.get()
    assert response.url == reverse("cohorts_import_runs:status", args=[run.pk])
    page = admin_client.get(response.url).text
    assert "Imported" in page
    assert "2 new, 0 updated, 0 unchanged." in page
    assert f'href="{reverse("cohorts_measures:data", args=[measure.pk])}"' in page
    assert stored(measure) == [
        (datetime.date(2015, 1, 1), Decimal("9.5"), ""),
        (datetime.date(2015, 2, 1), Decimal("8"), "Ward closed"),
    ]


def test_good_xlsx_with_date_cells_is_written(admin_client, measure):
    upload = xlsx_file(
        [
            ["Date", "Value"],
            [datetime.date(2015, 1, 1), 9.5],
            [datetime.date(2015, 2, 1), 8],
        ]
    )
    response = preview(admin_client, measure, file=upload)
    assert response.status_code == 200
    confirm(admin_client, measure, response)
    assert [(p, v) for p, v, _ in stored(measure)] == [
        (datetime.date(2015, 1, 1), Decimal("9.5")),
        (datetime.date(2015, 2, 1), Decimal("8")),
    ]


def test_cells_pasted_from_a_spreadsheet_are_written(admin_client, measure):
    pasted = "Date\tValue\r\n2015-01-01\t9.5\r\n2015-02-01\t8\r\n"
    response = preview(admin_client, measure, pasted=pasted)
    assert response.status_code == 200
    confirm(admin_client, measure, response)
    assert len(stored(measure)) == 2


def test_stored_periods_are_updated_and_the_preview_says_so(admin_client, measure):
    MeasurePointFactory(
        measure=measure, period="2015-01-01", value=12, annotation="Audit week"
    )
    MeasurePointFactory(measure=measure, period="2015-02-01", value=8)
    MeasurePointFactory(measure=measure, period="2014-12-01", value=11)
    response = preview(
        admin_client,
        measure,
        file=csv_file("date,value\n2015-01-01,9.5\n2015-02-01,8\n"),
    )
    html = response.content.decode()
    assert "Ready to import: 0 new, 1 updated, 1 unchanged." in html
    assert "replaces the stored value 12" in html
    confirm(admin_client, measure, response)
    assert stored(measure) == [
        (datetime.date(2014, 12, 1), Decimal("11"), ""),  # not in the file: kept
        (datetime.date(2015, 1, 1), Decimal("9.5"), "Audit week"),  # no column: kept
        (datetime.date(2015, 2, 1), Decimal("8"), ""),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "date,value\n2015-01-01,9\nMarch 2015,8\n",
            "Row 3: date: 'March 2015' is not a date (use 2015-03-31 or 31/03/2015).",
        ),
        ("date,value\n2015-01-01,nine\n", "Row 2: value: 'nine' is not a number."),
        ("date,value\n2015-01-01,NaN\n", "Row 2: value: 'NaN' is not a number."),
        (
            "date,value\n2015-01-01,1.23456\n",
            "Row 2: value: Ensure that there are no more than 3 decimal places.",
        ),
        ("date,value\n2015-01-01,\n", "Row 2: value: this cell is empty."),
        (
            "date,value\n2015-01-01,9\n01/01/2015,8\n",
            "Row 3: date: 2015-01-01 is also on row 2; each period may appear once.",
        ),
    ],
    ids=["bad date", "not a number", "nan", "too precise", "empty cell", "duplicate"],
)
def test_bad_row_is_reported_and_nothing_is_written(
    admin_client, measure, text, message
):
    MeasurePointFactory(measure=measure, period="2014-12-01", value=11)
    response = preview(admin_client, measure, file=csv_file(text))
    assert response.status_code == 400
    assert message in [str(error) for error in response.context["result"].errors]
    assert b"Nothing has been saved." in response.content
    assert response.context["token"] is None
    assert len(stored(measure)) == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file(""), "The submitted file is empty."),
        (csv_file("\n\n"), "The file is empty."),
        (csv_file("date,value\n"), "The file has a header row but no rows of data."),
        (
            csv_file("when,value\n2015-01-01,9\n"),
            "Missing columns: date. Unknown columns: when.",
        ),
        (
            csv_file("date\n2015-01-01\n"),
            "Missing columns: value.",
        ),
        (csv_file("date,value\n", name="falls.txt"), "Upload a CSV (.csv)"),
        (
            SimpleUploadedFile("falls.xlsx", b"not a workbook"),
            "could not be read as an Excel workbook",
        ),
    ],
    ids=[
        "no bytes",
        "blank",
        "header only",
        "wrong column",
        "missing column",
        "txt",
        "bad xlsx",
    ],
)
def test_bad_file_is_refused_and_nothing_is_written(
    admin_client, measure, upload, message
):
    response = preview(admin_client, measure, file=upload)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert stored(measure) == []


def test_file_over_the_size_limit_is_refused(admin_client, measure):
    text = "date,value\n" + "2015-01-01,1\n" * (MAX_FILE_SIZE // 13 + 1)
    response = preview(admin_client, measure, file=csv_file(text))
    assert response.status_code == 400
    assert "The file is larger than 2 MB." in response.context["form"].errors["file"][0]
    assert stored(measure) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file to upload, or paste cells."),
        (
            {"file": csv_file(GOOD_CSV), "pasted": "date,value\n"},
            "Upload a file or paste cells, not both.",
        ),
    ],
    ids=["nothing", "both"],
)
def test_import_needs_exactly_one_source(admin_client, measure, data, message):
    response = preview(admin_client, measure, **data)
    assert response.status_code == 400
    assert message in response.context["form"].non_field_errors()


def test_confirm_without_a_preview_writes_nothing(admin_client, measure):
    response = admin_client.post(
        reverse("cohorts_measures:confirm", args=[measure.pk]), {"token": "forged"}
    )
    assert response.status_code == 302
    assert response.url == reverse("cohorts_measures:import", args=[measure.pk])
    assert stored(measure) == []


def test_preview_token_is_good_only_for_its_measure(admin_client, measure):
    response = preview(
        admin_client, measure, file=csv_file("date,value\n2015-01-01,1\n2015-02-01,2\n")
    )
    other = ProjectMeasureFactory(project=measure.project)
    forged = admin_client.post(
        reverse("cohorts_measures:confirm", args=[other.pk]),
        {"token": response.context["token"]},
    )
    assert forged.status_code == 302
    assert stored(other) == []
    assert stored(measure) == []


def data_form(points, extra):
    """The data page's formset: the stored points, then blank rows."""
    data = {
        "points-TOTAL_FORMS": str(len(points) + len(extra)),
        "points-INITIAL_FORMS": str(len(points)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    rows = [
        {"id": p.pk, "period": p.period, "value": p.value, "annotation": p.annotation}
        for p in points
    ] + extra
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"points-{i}-{key}"] = value
    return data


def test_data_page_adds_changes_and_deletes_rows(admin_client, measure):
    keep = MeasurePointFactory(measure=measure, period="2015-01-01", value=12)
    drop = MeasurePointFactory(measure=measure, period="2015-02-01", value=8)
    url = reverse("cohorts_measures:data", args=[measure.pk])
    assert admin_client.get(url).status_code == 200
    form = data_form(
        [keep, drop], [{"period": "2015-03-01", "value": "7", "annotation": "New"}]
    )
    form["points-0-value"] = "11"
    form["points-1-DELETE"] = "on"
    response = admin_client.post(url, form)
    assert response.status_code == 302
    assert stored(measure) == [
        (datetime.date(2015, 1, 1), Decimal("11"), ""),
        (datetime.date(2015, 3, 1), Decimal("7"), "New"),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"period": "2015-01-01", "value": "7"},
            "Two rows are for the same month: each month may appear only once.",
        ),
        ({"period": "2015-03-01", "value": "seven"}, "Enter a number."),
        ({"period": "31/31/2015", "value": "7"}, "Enter a valid date."),
    ],
    ids=["duplicate period", "not a number", "bad date"],
)
def test_data_page_refuses_bad_rows_and_writes_nothing(
    admin_client, measure, row, message
):
    point = MeasurePointFactory(measure=measure, period="2015-01-01", value=12)
    form = data_form([point], [row])
    form["points-0-value"] = "10"
    response = admin_client.post(
        reverse("cohorts_measures:data", args=[measure.pk]), form
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored(measure) == [(datetime.date(2015, 1, 1), Decimal("12"), "")]


# Who may enter data: whoever may edit the project page, except coaches.
# Columns: anonymous, fellow A, fellow B, coach of A, another coach, staff, superuser.
MAY_ENTER_DATA_FOR_A = [False, True, False, False, False, True, True]


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, MAY_ENTER_DATA_FOR_A, strict=True))
)
@pytest.mark.parametrize("page", ["data", "import"])
def test_who_may_open_the_data_pages(client, cast, role, allowed, page):
    measure = ProjectMeasureFactory(project=cast.project_a)
    response = client_for(client, cast.user(role)).get(
        reverse(f"cohorts_measures:{page}", args=[measure.pk])
    )
    if allowed:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.url.startswith(reverse("wagtailadmin_login"))
    else:
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, MAY_ENTER_DATA_FOR_A, strict=True))
)
def test_who_may_import_data(client, cast, role, allowed):
    measure = ProjectMeasureFactory(project=cast.project_a)
    client = client_for(client, cast.user(role))
    response = preview(client, measure, file=csv_file(GOOD_CSV))
    if allowed:
        confirm(client, measure, response)
    assert MeasurePoint.objects.filter(measure=measure).exists() == allowed


@pytest.mark.parametrize(
    ("role", "allowed"), list(zip(ROLES, MAY_ENTER_DATA_FOR_A, strict=True))
)
def test_who_may_save_the_data_page(client, cast, role, allowed):
    measure = ProjectMeasureFactory(project=cast.project_a)
    client_for(client, cast.user(role)).post(
        reverse("cohorts_measures:data", args=[measure.pk]),
        data_form([], [{"period": "2015-03-01", "value": "7"}]),
    )
    assert MeasurePoint.objects.filter(measure=measure).exists() == allowed


def test_confirming_another_users_preview_is_refused(client, cast):
    """A fellow's preview token is no use to confirm a measure of another project."""
    measure_a = ProjectMeasureFactory(project=cast.project_a)
    measure_b = ProjectMeasureFactory(project=cast.project_b)
    client = client_for(client, cast.fellow_a.user)
    response = preview(client, measure_a, file=csv_file(GOOD_CSV))
    refused = client.post(
        reverse("cohorts_measures:confirm", args=[measure_b.pk]),
        {"token": response.context["token"]},
    )
    assert refused.url == reverse("wagtailadmin_home")
    assert stored(measure_b) == []
