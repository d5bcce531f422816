"""Staff reports: who may open them, what they show, their spreadsheet exports
(formula-safe) and the stale report's N."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cohorts.models import FellowProjectFellow, FellowProjectPage
from cohorts.spreadsheets import escape_formula
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    ProgrammePageFactory,
    ProjectUpdatePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PROGRESS = "/admin/programme-reports/cohort-progress/"
STALE = "/admin/programme-reports/stale-projects/"
ACCREDITATION = "/admin/programme-reports/accreditation-progress/"
REPORTS = [PROGRESS, STALE, ACCREDITATION]
INJECTION = '=HYPERLINK("http://evil.example","x")'


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def user_in(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(user_in("Programme staff"))
    return client


@pytest.fixture
def cohort(db):
    return CohortPageFactory(
        title="Cohort 2014", parent=ProgrammePageFactory(title="QI Fellowship")
    )


def project_for(fellow, *, updated_days_ago=None, published_days_ago=365, **kwargs):
    project = FellowProjectPageFactory(parent=fellow.cohort, **kwargs)
    FellowProjectFellow.objects.create(project=project, fellow=fellow)
    FellowProjectPage.objects.filter(pk=project.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=published_days_ago)
    )
    if updated_days_ago is not None:
        ProjectUpdatePageFactory(parent=project, date=days_ago(updated_days_ago))
    return project


def export(client, url, fmt, **params):
    response = client.get(url, {**params, "export": fmt})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content)
        if response.streaming
        else (response.content)
    )
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode())))
    return [
        list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.values
    ]


@pytest.mark.parametrize("url", REPORTS)
def test_report_renders_for_programme_staff(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "Download XLSX" in response.text


@pytest.mark.parametrize("url", REPORTS)
def test_report_renders_for_a_superuser(admin_client, url):
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("group", ["Fellows", "Coaches"])
@pytest.mark.parametrize("url", REPORTS)
def test_report_is_denied_to_fellows_and_coaches(client, group, url, cohort):
    FellowFactory(cohort=cohort, name="Private Person")
    client.force_login(user_in(group))
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Private Person" not in response.text


@pytest.mark.parametrize("url", REPORTS)
def test_report_export_is_denied_to_a_user_without_the_permission(client, url):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(url, {"export": "csv"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_report_is_denied_to_anonymous_visitors(client):
    response = client.get(PROGRESS)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reports_menu_lists_the_reports_for_staff_only(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert "Cohort progress" not in client.get("/admin/").text
    client.force_login(user_in("Programme staff"))
    html = client.get("/admin/").text
    for title in ("Cohort progress", "Stale projects", "Accreditation progress"):
        assert title in html


def test_cohort_progress_shows_project_status_and_last_update(staff_client, cohort):
    status = AccreditationStatusFactory(name="Enrolled")
    fellow = FellowFactory(cohort=cohort, name="Ann Able", accreditation_status=status)
    project_for(
        fellow,
        title="Safer discharge",
        status=FellowProjectPage.Status.IMPLEMENTING,
        updated_days_ago=10,
    )
    FellowFactory(cohort=cohort, name="Ben Bright")
    rows = export(staff_client, PROGRESS, "xlsx")
    assert rows[0] == [
        "Fellow",
        "Cohort",
        "Organisation",
        "Project",
        "Project status",
        "Last published update",
        "Progress score",
        "Accreditation status",
        "Accreditation date",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ann Able"][1:2] == ["QI Fellowship – Cohort 2014"]
    assert by_name["Ann Able"][3:5] == ["Safer discharge", "Implementing"]
    assert by_name["Ann Able"][5] == days_ago(10)
    assert by_name["Ann Able"][7] == "Enrolled"
    assert by_name["Ben Bright"][4] == "No project"
    html = staff_client.get(PROGRESS).text
    assert "Safer discharge" in html
    assert "Implementing" in html


def test_report_shows_dates_as_dates_and_names_that_wrap_at_spaces(
    staff_client, cohort
):
    fellow = FellowFactory(cohort=cohort, name="Farhan Kowalski")
    project_for(fellow, title="Safer discharge", updated_days_ago=3650)
    last_update = days_ago(3650)

    soup = BeautifulSoup(staff_client.get(PROGRESS).text, "html.parser")

    row = soup.find("table", class_="listing").tbody.tr
    assert f"{last_update.day} {last_update:%B %Y}" in row.get_text()
    assert "ago" not in row.get_text()
    # The name leads its row, and not in Wagtail's title cell, whose
    # word-break splits it mid-word ("Farha/n Kowa/lski") in a wide report.
    assert row.th["scope"] == "row"
    assert row.th.get_text(strip=True) == "Farhan Kowalski"
    assert not row.find(class_="title")


def test_cohort_progress_shows_the_latest_published_progress_score(
    staff_client, cohort
):
    """The score of the newest published update that gives one: a later
    update without a score, or a draft with one, does not change it."""
    project = project_for(FellowFactory(cohort=cohort, name="Ann Able"))
    for days, score, live in [(60, "2.5", True), (30, "3.5", True), (20, None, True)]:
        ProjectUpdatePageFactory(
            parent=project, date=days_ago(days), progress_score=score, live=live
        )
    ProjectUpdatePageFactory(
        parent=project, date=days_ago(1), progress_score="4.0", live=False
    )
    project_for(FellowFactory(cohort=cohort, name="Ben Bright"), updated_days_ago=5)

    for fmt, score in (("csv", "3.5"), ("xlsx", 3.5)):
        rows = {row[0]: row for row in export(staff_client, PROGRESS, fmt)[1:]}
        assert rows["Ann Able"][6] == score
        assert rows["Ben Bright"][6] in ("", None)
    html = staff_client.get(PROGRESS).text
    assert "<th" in html and "Progress score" in html
    assert ">3.5<" in html.replace(" ", "").replace("\n", "")


def test_cohort_progress_filters_by_cohort(staff_client, cohort):
    FellowFactory(cohort=cohort, name="Ann Able")
    FellowFactory(cohort=CohortPageFactory(), name="Other Cohort Fellow")
    html = staff_client.get(PROGRESS, {"cohort": cohort.pk}).text
    assert "Ann Able" in html
    assert "Other Cohort Fellow" not in html


def test_cohort_progress_queries_do_not_grow_with_fellows(
    staff_client, cohort, count_queries
):
    def add_fellows(count):
        for _ in range(count):
            project_for(FellowFactory(cohort=cohort), updated_days_ago=5)

    add_fellows(2)
    staff_client.get(PROGRESS)
    few = count_queries(lambda: staff_client.get(PROGRESS))
    add_fellows(10)
    assert count_queries(lambda: staff_client.get(PROGRESS)) == few


def stale_titles(client, **params):
    rows = export(client, STALE, "csv", **params)
    return {row[0] for row in rows[1:]}


def test_stale_projects_default_to_90_days(staff_client, cohort):
    fellow = FellowFactory(cohort=cohort)
    project_for(fellow, title="Quiet project", updated_days_ago=100)
    project_for(fellow, title="Busy project", updated_days_ago=5)
    project_for(fellow, title="Never updated", published_days_ago=200)
    project_for(fellow, title="New project", published_days_ago=3)
    project_for(
        fellow,
        title="Closed project",
        updated_days_ago=300,
        status=FellowProjectPage.Status.CLOSED,
    )
    assert stale_titles(staff_client) == {"Quiet project", "Never updated"}
    html = staff_client.get(STALE).text
    assert 'value="90"' in html


def test_stale_projects_use_the_chosen_number_of_days(staff_client, cohort):
    fellow = FellowFactory(cohort=cohort, name="Ann Able")
    project_for(fellow, title="Quiet project", updated_days_ago=100)
    project_for(fellow, title="Busy project", updated_days_ago=5)
    assert stale_titles(staff_client, days=120) == set()
    assert stale_titles(staff_client, days=3) == {"Quiet project", "Busy project"}
    rows = export(staff_client, STALE, "csv", days=3)
    quiet = next(row for row in rows if row[0] == "Quiet project")
    assert quiet[1:3] == ["QI Fellowship – Cohort 2014", "Ann Able"]
    assert quiet[5] == "100"


@pytest.mark.parametrize("days", ["abc", "0", "-5", "99999", "", "1.5", "1" * 100])
def test_stale_projects_reject_a_bad_number_of_days(staff_client, cohort, days):
    project_for(
        FellowFactory(cohort=cohort), title="Quiet project", updated_days_ago=100
    )
    response = staff_client.get(STALE, {"days": days})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "No published update for at least (days):" in response.text
    assert "Quiet project" not in response.text


def test_stale_projects_export_with_a_bad_number_of_days_is_refused(
    staff_client, cohort
):
    response = staff_client.get(STALE, {"days": "abc", "export": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_accreditation_report_filters_awards_completed(staff_client, cohort):
    awarded = AccreditationStatusFactory(name="Certificate", award_complete=True)
    FellowFactory(cohort=cohort, name="Ann Able", accreditation_status=awarded)
    FellowFactory(cohort=cohort, name="Ben Bright")
    rows = export(staff_client, ACCREDITATION, "xlsx", award_complete="true")
    assert rows[0] == [
        "Fellow",
        "Cohort",
        "Organisation",
        "Accreditation status",
        "Award completed",
        "Status since",
    ]
    assert [row[:5] for row in rows[1:]] == [
        ["Ann Able", "QI Fellowship – Cohort 2014", rows[1][2], "Certificate", "Yes"]
    ]


@pytest.mark.parametrize("url", REPORTS)
def test_report_exports_escape_formulas(staff_client, cohort, url):
    fellow = FellowFactory(cohort=cohort, name=INJECTION)
    project_for(fellow, title="@SUM(1+1)", updated_days_ago=200)
    csv_rows = export(staff_client, url, "csv")
    xlsx_rows = export(staff_client, url, "xlsx")
    for rows in (csv_rows, xlsx_rows):
        cells = [cell for row in rows for cell in row if isinstance(cell, str)]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
        assert f"'{INJECTION}" in cells


def test_snippet_export_escapes_formulas(admin_client):
    FellowFactory(name=INJECTION, job_title="-2+3")
    for fmt in ("csv", "xlsx"):
        rows = export(admin_client, "/admin/snippets/cohorts/fellow/", fmt)
        row = next(row for row in rows if row[0] == f"'{INJECTION}")
        assert "'-2+3" in row


def test_modeladmin_export_escapes_formulas(admin_client):
    FellowOutcomeFactory(title="+44 1234 567890")
    for fmt in ("csv", "xlsx"):
        rows = export(admin_client, "/admin/cohorts/fellowoutcome/", fmt)
        assert "'+44 1234 567890" in rows[1]


def test_xlsx_cell_with_escaped_formula_is_text(staff_client, cohort):
    FellowFactory(cohort=cohort, name=INJECTION)
    response = staff_client.get(PROGRESS, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = sheet.active["A2"]
    assert cell.value == f"'{INJECTION}"
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Ward 7", "Ward 7"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


HUGE = "99999999999999999999"


@pytest.mark.parametrize("url", [*REPORTS, *(f"{url}results/" for url in REPORTS)])
@pytest.mark.parametrize("value", [HUGE, "-1", "abc"])
def test_report_refuses_an_unknown_cohort_with_a_message(
    staff_client, cohort, url, value
):
    FellowFactory(cohort=cohort, name="Ann Able")
    project_for(FellowFactory(cohort=cohort), updated_days_ago=100)
    response = staff_client.get(url, {"cohort": value})
    assert response.status_code == 400
    assert "Cohort: Select a valid choice." in response.text
    assert "Ann Able" not in response.text


@pytest.mark.parametrize("url", REPORTS)
def test_report_export_with_an_unknown_cohort_is_refused(staff_client, cohort, url):
    FellowFactory(cohort=cohort, name="Ann Able")
    response = staff_client.get(url, {"cohort": HUGE, "export": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Ann Able" not in response.text
