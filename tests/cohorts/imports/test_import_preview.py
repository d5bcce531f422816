"""The import preview shows every value each row would write and every problem
in every row; a cohort is named with its programme (an en dash or a hyphen),
or by its bare title when only one programme has it."""

import pytest
from bs4 import BeautifulSoup

from cohorts.models import Fellow
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
)

from .test_measure_import import csv_file, measure, preview  # noqa: F401
from .test_record_import import run, upload

HEAD = "name,email,profession,organisation,cohort,accreditation_date,public_consent\n"


@pytest.fixture
def twins(db):
    OrganisationFactory(name="Northfield NHS Trust")
    AccreditationStatusFactory(name="Enrolled")
    for programme in ("QI Fellowship", "Leadership Fellowship"):
        CohortPageFactory(
            title="Cohort 2016/17",
            slug=f"{programme.split()[0].lower()}-2016-17",
            parent=ProgrammePageFactory(title=programme),
        )
    CohortPageFactory(
        title="Cohort 2014", parent=ProgrammePageFactory(title="QI Fellowship 2")
    )


def preview_table(html):
    table = BeautifulSoup(html, "html.parser").find("table", class_="listing")
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    return [
        dict(
            zip(
                headings,
                [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])],
                strict=True,
            )
        )
        for row in table.tbody.find_all("tr")
    ]


@pytest.mark.parametrize(
    "cohort",
    ["QI Fellowship – Cohort 2016/17", "QI Fellowship - Cohort 2016/17", "qi-2016-17"],
)
def test_import_takes_a_cohort_with_its_programme(twins, cohort):
    result = run(f"name,profession,cohort\nTom Reid,doctor,{cohort}\n")

    assert result.written, result.errors
    assert Fellow.objects.get().cohort.full_title == "QI Fellowship – Cohort 2016/17"


def test_import_takes_a_bare_cohort_title_that_only_one_programme_has(twins):
    result = run("name,profession,cohort\nTom Reid,doctor,Cohort 2014\n")

    assert result.written, result.errors
    assert Fellow.objects.get().cohort.full_title == "QI Fellowship 2 – Cohort 2014"


def test_import_refuses_an_ambiguous_cohort_naming_the_choices(twins):
    result = run("name,profession,cohort\nTom Reid,doctor,Cohort 2016/17\n")

    assert not result.written
    assert result.errors == [
        "Row 2: cohort: 'Cohort 2016/17' matches more than one cohort "
        "('Leadership Fellowship – Cohort 2016/17'; "
        "'QI Fellowship – Cohort 2016/17'). "
        "Write it as 'Programme – Cohort'."
    ]
    assert not Fellow.objects.exists()


def test_import_reports_every_problem_of_a_row(twins):
    result = run(
        HEAD
        + "Tom Reid,tom@example,surgeon,Nowhere Trust,Cohort 1999,31/02/2015,maybe\n"
    )

    problems = [error.split(": ", 2)[1] for error in result.errors]
    assert sorted(problems) == [
        "accreditation_date",
        "cohort",
        "email",
        "organisation",
        "profession",
        "public_consent",
    ]
    assert all(error.startswith("Row 2: ") for error in result.errors)


def test_preview_shows_every_value_about_to_be_written(admin_client, twins):
    response = upload(
        admin_client,
        HEAD + "Tom Reid,tom@example.org,ahp,Northfield NHS Trust,"
        "QI Fellowship - Cohort 2016/17,2015-03-31,yes\n",
    )

    assert response.status_code == 200
    assert preview_table(response.text) == [
        {
            "Row": "2",
            "Name": "Tom Reid",
            "Email": "tom@example.org",
            "Profession": "Allied health professional",
            "Organisation": "Northfield NHS Trust",
            "Cohort": "QI Fellowship – Cohort 2016/17",
            "Accreditation date": "31 March 2015",
            "Public consent": "Yes",
            "Result": "New",
        }
    ]


def test_preview_shows_every_problem_in_every_row(admin_client, twins):
    response = upload(
        admin_client,
        HEAD
        + "Tom Reid,tom@example,doctor,Nowhere Trust,Cohort 1999,,\n"
        + ",ann@example.org,surgeon,,Cohort 2016/17,,maybe\n",
    )

    assert response.status_code == 400
    soup = BeautifulSoup(response.text, "html.parser")
    problems = [
        [li.get_text(strip=True) for li in row.find_all("li", class_="error-message")]
        for row in soup.find_all("tr", class_="import-problems")
    ]
    assert [len(row) for row in problems] == [3, 4]
    assert "4 problems, listed below" in response.text
    assert "7 problems found" in response.text


def test_measure_preview_shows_every_problem_and_the_stored_period(
    admin_client,
    measure,  # noqa: F811
):
    response = preview(
        admin_client,
        measure,
        file=csv_file("date,value\n2015-03-20,12\n2999-01-01,abc\n,-\n"),
    )

    soup = BeautifulSoup(response.text, "html.parser")
    first = soup.find("table", class_="listing").tbody.tr
    assert first.th.get_text(strip=True) == "1 March 2015"
    problems = soup.find_all("tr", class_="import-problems")
    assert [len(row.find_all("li")) for row in problems] == [2, 2]
