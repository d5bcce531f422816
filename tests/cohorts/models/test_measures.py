"""ProjectMeasure without the database: what it tells the chart analysis (role,
kind of unit) and the period each date is stored as."""

import datetime
import importlib
from pathlib import Path

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import qi
from cohorts.models import ProjectMeasure
from tests.cohorts.qi.series import series

Frequency = ProjectMeasure.Frequency
MONDAY = datetime.date(2015, 3, 9)


def test_unit_kinds_are_the_chart_packages():
    assert [kind.value for kind in ProjectMeasure.UnitKind] == [
        kind.value for kind in qi.UnitKind
    ]


def test_a_new_measure_has_no_unit_bounds():
    assert ProjectMeasure().unit_kind == "other"


@pytest.mark.parametrize("points", [5, 14])
def test_analysis_reads_the_measures_role_and_unit_kind(points):
    measure = ProjectMeasure(
        kind="balancing",
        unit_kind="percentage",
        improvement_direction="lower_is_better",
    )
    analysis = measure.analyse(series([10, 12] * (points // 2) + [11] * (points % 2)))
    assert analysis.role is qi.MeasureRole.BALANCING
    assert analysis.unit_kind is qi.UnitKind.PERCENTAGE


@pytest.mark.parametrize(
    ("frequency", "day", "period"),
    [
        (Frequency.DAILY, datetime.date(2015, 3, 18), datetime.date(2015, 3, 18)),
        (Frequency.WEEKLY, datetime.date(2015, 3, 15), MONDAY),  # a Sunday
        (Frequency.WEEKLY, MONDAY, MONDAY),
        (Frequency.FORTNIGHTLY, datetime.date(2015, 3, 12), MONDAY),
        (Frequency.MONTHLY, datetime.date(2015, 3, 31), datetime.date(2015, 3, 1)),
        (Frequency.MONTHLY, datetime.date(2015, 3, 1), datetime.date(2015, 3, 1)),
        (Frequency.QUARTERLY, datetime.date(2015, 6, 30), datetime.date(2015, 4, 1)),
        (Frequency.QUARTERLY, datetime.date(2015, 1, 1), datetime.date(2015, 1, 1)),
        (Frequency.QUARTERLY, datetime.date(2015, 12, 5), datetime.date(2015, 10, 1)),
    ],
)
def test_a_date_is_stored_as_the_start_of_its_period(frequency, day, period):
    assert ProjectMeasure(frequency=frequency).normalise_period(day) == period


@pytest.mark.parametrize(
    ("frequency", "day", "note"),
    [
        (
            Frequency.MONTHLY,
            datetime.date(2015, 3, 15),
            "15 March 2015 is stored as 1 March 2015: a monthly measure has one "
            "point a month, dated the first day of the month.",
        ),
        (
            Frequency.QUARTERLY,
            datetime.date(2015, 5, 20),
            "20 May 2015 is stored as 1 April 2015: a quarterly measure has one "
            "point a quarter, dated the first day of the quarter (1 January, "
            "1 April, 1 July or 1 October).",
        ),
        (
            Frequency.WEEKLY,
            datetime.date(2015, 3, 11),
            "11 March 2015 is stored as 9 March 2015: a weekly measure has one "
            "point a week, dated the Monday of the week.",
        ),
        (
            Frequency.FORTNIGHTLY,
            datetime.date(2015, 3, 11),
            "11 March 2015 is stored as 9 March 2015: a fortnightly measure's "
            "points are dated the Monday of their week.",
        ),
    ],
)
def test_a_moved_date_comes_with_a_note_saying_where_it_went(frequency, day, note):
    measure = ProjectMeasure(frequency=frequency)
    assert measure.period_note(day, measure.normalise_period(day)) == note


@pytest.mark.parametrize("frequency", list(Frequency))
def test_a_future_date_is_refused(frequency):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        ProjectMeasure(frequency=frequency).normalise_period(tomorrow)
    assert error.value.messages == [
        f"{tomorrow.day} {qi.summary.format_month(tomorrow)} is in the future: "
        "enter data only for dates that have passed."
    ]


def test_today_is_accepted():
    today = timezone.localdate()
    measure = ProjectMeasure(frequency=Frequency.MONTHLY)
    assert measure.normalise_period(today) == today.replace(day=1)


def migration():
    """The migration that adds the kind of unit (found by name, so that it
    may be renumbered)."""
    folder = Path(importlib.import_module("cohorts.migrations").__file__).parent
    (path,) = folder.glob("*_measure_unit_kind_astronomical.py")
    return importlib.import_module(f"cohorts.migrations.{path.stem}")


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("%", "percentage"),
        ("% of patients", "percentage"),
        ("Percentage", "percentage"),
        ("falls per 1,000 bed days", "rate"),
        ("per 100 summaries", "rate"),
        ("Number of falls", "count"),
        ("count", "count"),
        ("patients", "other"),
        ("days", "other"),
        ("score (-10 to 10)", "other"),
        ("", "other"),
    ],
)
def test_existing_measures_get_the_unit_kind_their_unit_shows(unit, kind):
    assert migration().unit_kind_for(unit) == kind
