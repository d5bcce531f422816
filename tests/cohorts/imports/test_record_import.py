import datetime
import io

import openpyxl
import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cohorts.imports.records import Kind, import_records
from cohorts.models import Coach, Fellow, ImportRun, Organisation
from cohorts.spreadsheets import MAX_FILE_SIZE, ImportFileError, read_table
from tests.factories import (
    FellowFactory,
    OrganisationFactory,
    UserFactory,
)

UPLOAD_URL = "/admin/import-records/"
CONFIRM_URL = "/admin/import-records/confirm/"

FELLOWS_CSV = (
    "Name,Email,Profession,Job title,Organisation,Cohort,Coach,"
    "Accreditation status,Accreditation date,Public consent\n"
    "Siân Evans,sian.evans@example.org,Nurse,Ward manager,Northfield NHS Trust,"
    "Cohort 2014,Sam Okafor,Enrolled,2014-10-01,yes\n"
    "Tom Reid,tom.reid@example.org,doctor,Registrar,Northfield NHS Trust,"
    "cohort-2014,sam.okafor@example.org,,,no\n"
)


def table_from(text, name="fellows.csv"):
    return read_table(name, io.BytesIO(text.encode("utf-8")))


def run(text, kind=Kind.FELLOWS, name="fellows.csv"):
    return import_records(kind, table_from(text, name), commit=True)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def staff_user(*codenames):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="cohorts", codename__in=codenames
        ),
    )
    return user


FELLOW_PERMISSIONS = ("add_fellow", "change_fellow")


# The file and its rows


def test_csv_import_creates_fellows_with_their_records(records):
    result = run(FELLOWS_CSV)
    assert result.written
    assert result.summary == "2 new, 0 updated, 0 unchanged"
    sian = Fellow.objects.get(email="sian.evans@example.org")
    assert sian.name == "Siân Evans"
    assert sian.slug == "sian-evans"
    assert sian.profession == Fellow.Profession.NURSE
    assert sian.organisation == records
    assert sian.cohort.title == "Cohort 2014"
    assert sian.coach.name == "Sam Okafor"
    assert sian.accreditation_status.name == "Enrolled"
    assert str(sian.accreditation_date) == "2014-10-01"
    assert sian.public_consent is True
    tom = Fellow.objects.get(email="tom.reid@example.org")
    assert tom.cohort.slug == "cohort-2014"
    assert tom.coach.name == "Sam Okafor"
    assert tom.public_consent is False


def test_xlsx_import_creates_fellows(records):
    data = xlsx_bytes(
        [
            ["name", "email", "profession", "cohort", "accreditation_status"],
            ["Priya Shah", "priya@example.org", "Midwife", "Cohort 2014", "Enrolled"],
            [None, None, None, None, None],
        ]
    )
    table = read_table("fellows.xlsx", io.BytesIO(data))
    result = import_records(Kind.FELLOWS, table, commit=True)
    assert result.summary == "1 new, 0 updated, 0 unchanged"
    priya = Fellow.objects.get(email="priya@example.org")
    assert priya.profession == Fellow.Profession.MIDWIFE
    assert priya.cohort.title == "Cohort 2014"


def test_xlsx_dates_and_numbers_are_read_as_typed(records):
    data = xlsx_bytes(
        [
            ["name", "profession", "accreditation_date", "job_title"],
            ["Priya Shah", "midwife", datetime.datetime(2015, 3, 31), 7.0],
        ]
    )
    import_records(Kind.FELLOWS, read_table("f.xlsx", io.BytesIO(data)), commit=True)
    priya = Fellow.objects.get(slug="priya-shah")
    assert str(priya.accreditation_date) == "2015-03-31"
    assert priya.job_title == "7"


def test_reimport_updates_instead_of_duplicating(records):
    run(FELLOWS_CSV)
    changed = FELLOWS_CSV.replace("Ward manager", "Matron")
    result = run(changed)
    assert result.summary == "0 new, 1 updated, 1 unchanged"
    assert Fellow.objects.count() == 2
    assert Fellow.objects.get(slug="sian-evans").job_title == "Matron"
    assert [row.changes for row in result.rows if row.action == "update"] == [
        ["job_title"]
    ]


def test_reimport_matches_by_slug_when_the_file_has_no_email(records):
    FellowFactory(name="Siân Evans", slug="sian-evans", email="", job_title="")
    run("name,profession,job_title\nSiân Evans,nurse,Matron\n")
    assert Fellow.objects.count() == 1
    assert Fellow.objects.get().job_title == "Matron"


def test_reimport_with_a_new_name_keeps_the_public_address(records):
    run(FELLOWS_CSV)
    run(FELLOWS_CSV.replace("Siân Evans", "Siân Evans-Jones"))
    fellow = Fellow.objects.get(email="sian.evans@example.org")
    assert (fellow.name, fellow.slug) == ("Siân Evans-Jones", "sian-evans")


def test_column_left_out_is_left_alone(records):
    run(FELLOWS_CSV)
    run("name,email,profession\nSiân Evans,sian.evans@example.org,nurse\n")
    assert Fellow.objects.get(slug="sian-evans").job_title == "Ward manager"


def test_organisation_import_creates_and_updates(db):
    OrganisationFactory(name="Northfield NHS Trust", region="North West")
    text = (
        "name,kind,region\n"
        "northfield nhs trust,NHS trust,Yorkshire\n"
        "University of Southbridge,university,South\n"
    )
    result = run(text, kind=Kind.ORGANISATIONS)
    assert result.summary == "1 new, 1 updated, 0 unchanged"
    assert Organisation.objects.count() == 2
    assert Organisation.objects.get(name__iexact="northfield nhs trust").region == (
        "Yorkshire"
    )
    assert (
        Organisation.objects.get(name="University of Southbridge").kind
        == Organisation.Kind.UNIVERSITY
    )


def test_coach_import_matches_by_email_then_name(records):
    text = (
        "name,email,organisation\n"
        "Samuel Okafor,sam.okafor@example.org,Northfield NHS Trust\n"
        "Ruth Bell,,Northfield NHS Trust\n"
    )
    run(text, kind=Kind.COACHES)
    run(text, kind=Kind.COACHES)
    assert Coach.objects.count() == 2
    assert Coach.objects.get(email="sam.okafor@example.org").name == "Samuel Okafor"
    assert Coach.objects.get(name="Ruth Bell").organisation == records


# Bad input: a clear message and nothing written

FILE_ERRORS = {
    "unknown column": (
        "name,profession,emial\nSiân Evans,nurse,sian@example.org\n",
        "Unknown columns: emial.",
    ),
    "missing column": (
        "name,email\nSiân Evans,sian@example.org\n",
        "Missing columns: profession.",
    ),
    "header only": ("name,profession\n", "no rows of data"),
    "duplicate column": (
        "name,profession,name\na,nurse,b\n",
        "Columns appear twice: name.",
    ),
    "ragged row": (
        "name,profession\nSiân Evans,nurse,extra\n",
        "same number of columns",
    ),
}


@pytest.mark.parametrize("text,message", FILE_ERRORS.values(), ids=FILE_ERRORS.keys())
def test_bad_file_is_refused(records, text, message):
    with pytest.raises(ImportFileError, match=message):
        import_records(Kind.FELLOWS, table_from(text), commit=True)
    assert not Fellow.objects.exists()


ROW_ERRORS = {
    "bad email": (
        "Tom Reid,tom.reid@example,doctor,Northfield NHS Trust,Cohort 2014",
        "email: Enter a valid email address.",
    ),
    "unknown organisation": (
        "Tom Reid,tom@example.org,doctor,Southfield Trust,Cohort 2014",
        "organisation: there is no organisation called 'Southfield Trust'.",
    ),
    "unknown cohort": (
        "Tom Reid,tom@example.org,doctor,Northfield NHS Trust,Cohort 1999",
        "cohort: there is no cohort called 'Cohort 1999'.",
    ),
    "unknown profession": (
        "Tom Reid,tom@example.org,surgeon,Northfield NHS Trust,Cohort 2014",
        "profession: 'surgeon' is not one of: Doctor, Nurse",
    ),
    "empty required cell": (
        ",tom@example.org,doctor,Northfield NHS Trust,Cohort 2014",
        "name: this cell is empty.",
    ),
    "duplicate row": (
        "Siân Evans,sian@example.org,nurse,Northfield NHS Trust,Cohort 2014",
        "duplicates row 2 ('sian-evans' appears twice).",
    ),
}


@pytest.mark.parametrize("row,message", ROW_ERRORS.values(), ids=ROW_ERRORS.keys())
def test_bad_row_is_reported_and_nothing_is_written(records, row, message):
    text = (
        "name,email,profession,organisation,cohort\n"
        "Siân Evans,sian@example.org,nurse,Northfield NHS Trust,Cohort 2014\n"
        f"{row}\n"
    )
    result = run(text)
    assert not result.written
    assert [e for e in result.errors if e.startswith("Row 3: ")]
    assert any(message in error for error in result.errors), result.errors
    assert not Fellow.objects.exists()


def test_bad_row_leaves_existing_records_unchanged(records):
    FellowFactory(name="Siân Evans", slug="sian-evans", email="sian@example.org")
    text = (
        "name,email,profession,job_title\n"
        "Siân Evans,sian@example.org,nurse,Matron\n"
        "Tom Reid,not-an-email,doctor,Registrar\n"
    )
    assert run(text).errors == ["Row 3: email: Enter a valid email address."]
    assert Fellow.objects.get().job_title == "Ward manager"


def test_slug_of_another_fellow_is_refused(records):
    FellowFactory(name="Sam Lee", slug="sam-lee", email="sam.lee@example.org")
    result = run("name,email,profession\nSam Lee,other.sam@example.org,nurse\n")
    assert result.errors == [
        "Row 2: slug: the address 'sam-lee' belongs to another fellow (Sam Lee). "
        "Add a slug column to tell them apart."
    ]


# The admin flow: upload → preview → confirm


def upload(client, text, kind="fellows", name="fellows.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(UPLOAD_URL, {"kind": kind, "file": file})


def test_upload_page_renders(admin_client):
    response = admin_client.get(UPLOAD_URL)
    assert response.status_code == 200
    assert "Preview import" in response.text
    assert "accreditation_status" in response.text


def test_upload_preview_confirm_imports(admin_client, records):
    preview = upload(admin_client, FELLOWS_CSV)
    assert preview.status_code == 200
    assert "Ready to import: 2 new, 0 updated, 0 unchanged" in preview.text
    assert "Siân Evans" in preview.text
    assert not Fellow.objects.exists()

    token = admin_client.session["cohorts_import"]["token"]
    response = admin_client.post(CONFIRM_URL, {"token": token})
    assert response.url == f"/admin/imports/{ImportRun.objects.get().pk}/"
    assert Fellow.objects.count() == 2
    assert "cohorts_import" not in admin_client.session
    page = admin_client.get(response.url).text
    assert "2 new, 0 updated, 0 unchanged." in page
    assert 'href="/admin/snippets/cohorts/fellow/"' in page


def test_preview_shows_row_errors_and_no_confirm_button(admin_client, records):
    response = upload(
        admin_client,
        "name,email,profession\nTom Reid,tom@example,doctor\n",
    )
    assert response.status_code == 400
    assert "email: Enter a valid email address." in response.text
    assert "Confirm import" not in response.text
    assert "cohorts_import" not in admin_client.session


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("fellows.csv", b"", "The submitted file is empty."),
        ("fellows.pdf", b"%PDF", "Upload a CSV (.csv) or Excel (.xlsx) file."),
        ("fellows.csv", "name,profession\nSiân,nurse\n".encode("cp1252"), "not UTF-8"),
        ("fellows.csv", b"name\n" + b"x" * MAX_FILE_SIZE, "larger than 2 MB"),
    ],
    ids=["empty", "type", "encoding", "size"],
)
def test_bad_upload_shows_the_form_with_the_message(
    admin_client, name, content, message
):
    file = SimpleUploadedFile(name, content)
    response = admin_client.post(UPLOAD_URL, {"kind": "fellows", "file": file})
    assert response.status_code == 400
    assert message in response.text


def test_confirm_without_a_preview_writes_nothing(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    response = admin_client.post(CONFIRM_URL, {"token": "guessed"}, follow=True)
    assert "That preview has expired" in response.text
    assert not Fellow.objects.exists()


def test_confirm_validates_again_against_the_database(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    token = admin_client.session["cohorts_import"]["token"]
    records.delete()
    response = admin_client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert "Nothing has been saved" in response.text
    assert (
        "Row 2: organisation: there is no organisation called "
        "&#x27;Northfield NHS Trust&#x27;." in response.text
    )
    assert not Fellow.objects.exists()


def test_confirm_only_accepts_post(admin_client):
    assert admin_client.get(CONFIRM_URL).status_code == 405


# Permissions


def test_staff_with_fellow_permissions_can_import_fellows(client, records):
    client.force_login(staff_user(*FELLOW_PERMISSIONS))
    upload(client, FELLOWS_CSV)
    token = client.session["cohorts_import"]["token"]
    client.post(CONFIRM_URL, {"token": token})
    assert Fellow.objects.count() == 2


def test_menu_item_shown_to_staff_with_permission(client, db):
    client.force_login(staff_user(*FELLOW_PERMISSIONS))
    assert "Import records" in client.get("/admin/").text


def test_menu_item_hidden_without_permission(client, db):
    client.force_login(staff_user("change_fellow"))
    assert "Import records" not in client.get("/admin/").text


def test_user_without_add_fellow_cannot_open_the_import(client, db):
    client.force_login(staff_user("change_fellow"))
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_user_without_add_fellow_cannot_confirm(client, admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    token = admin_client.session["cohorts_import"]["token"]
    client.force_login(staff_user("change_fellow"))
    client.post(CONFIRM_URL, {"token": token})
    assert not Fellow.objects.exists()


def test_anonymous_user_is_sent_to_log_in(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_staff_cannot_import_kinds_they_may_not_add(client, records):
    client.force_login(staff_user(*FELLOW_PERMISSIONS))
    assert 'value="organisations"' not in client.get(UPLOAD_URL).text
    response = upload(client, "name\nSouthfield\n", kind="organisations")
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Southfield").exists()


# The command


def write(tmp_path, text, name="fellows.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_command_imports_a_file(records, tmp_path, capsys):
    call_command("import_fellows", write(tmp_path, FELLOWS_CSV))
    assert Fellow.objects.count() == 2
    assert "Imported: 2 new, 0 updated, 0 unchanged." in capsys.readouterr().out


def test_command_dry_run_writes_nothing(records, tmp_path, capsys):
    call_command("import_fellows", write(tmp_path, FELLOWS_CSV), "--dry-run")
    assert not Fellow.objects.exists()
    assert "Would import: 2 new" in capsys.readouterr().out


def test_command_imports_other_kinds(db, tmp_path):
    call_command(
        "import_fellows",
        write(tmp_path, "name\nSouthfield\n"),
        "--kind",
        "organisations",
    )
    assert Organisation.objects.filter(name="Southfield").exists()


def test_command_reports_row_errors_and_fails(records, tmp_path, capsys):
    text = FELLOWS_CSV + "Ann Lee,ann@example,nurse,,,,,,,\n"
    with pytest.raises(CommandError, match=r"1 problem\(s\).*Nothing was written"):
        call_command("import_fellows", write(tmp_path, text))
    assert "Row 4: email: Enter a valid email address." in capsys.readouterr().err
    assert not Fellow.objects.exists()


def test_command_reports_a_bad_file_and_fails(db, tmp_path):
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_fellows", write(tmp_path, ""))


def test_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_fellows", str(tmp_path / "missing.csv"))


def test_confirm_with_a_token_that_is_not_ascii_says_expired(admin_client, records):
    upload(admin_client, FELLOWS_CSV)
    response = admin_client.post(CONFIRM_URL, {"token": "jeton-été"}, follow=True)
    assert "That preview has expired" in response.text
    assert not Fellow.objects.exists()
