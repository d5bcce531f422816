"""What a measure's chart says on the project page and in the API, with the
worked series of issue 12: one-point segments, the rule order, trial limits per
segment, "2 of 3", balancing measures, the unit's bounds, astronomical points,
the numbered PDSA key and the one-line history."""

import datetime
import html
import re

import pytest

from cohorts.models import MeasurePoint, ProjectMeasure
from tests.factories import ProjectMeasureFactory, ProjectUpdatePageFactory
from tests.factories.measures import month

from .test_measures import add_points, measures_section, pdsa_cycle

HIGHER = ProjectMeasure.Direction.HIGHER
JANUARY_2019 = datetime.date(2019, 1, 1)
# Issue 12, item 1: limits recalculated from the last point.
ONE_POINT_LAST = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 10, 11, 15]
# Item 2: the last point ends a 7-point rise and is the 7th below the mean.
RISE_BELOW_THE_MEAN = [20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 10, 11, 12, 13, 14]
RISE_BELOW_THE_MEAN += [15, 16]
# Item 3: limits recalculated from the 7th point.
SHORT_FIRST_PART = [5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4]
# Lower is better: a step down; the signals before the change are history.
STEP_DOWN = [12, 13, 12, 13, 12, 13, 12, 13, 11, 12, 10, 9, 8, 7, 6, 5, 4]
STEP_DOWN += [6, 5, 6, 5, 6, 5, 6, 5]
BASELINE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12]


def summary_items(section):
    summary = section[section.index("shows</h4>") :]
    summary = summary[: summary.index("</ul>")]
    return [item.strip() for item in re.findall(r"<li>(.*?)</li>", summary, re.S)]


def table_rows(section):
    """The data table's cells, without the headings repeated for small screens."""
    table = section[section.index('<tbody class="nhsuk-table__body">') :]
    table = table[: table.index("</tbody>")]
    return [
        [html.unescape(cell.strip()) for cell in re.findall(r"<span>(.*?)</span>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


def chart_of(response):
    """The chart, its summary and its table (not the measure's definition)."""
    section = measures_section(response)
    return section[section.index('<div class="app-chart">') :]


def add_points_from(measure, values, start):
    MeasurePoint.objects.bulk_create(
        MeasurePoint(
            measure=measure, period=month(n, start=start), value=v, approved=True
        )
        for n, v in enumerate(values)
    )


def test_a_one_point_segment_has_no_limits_and_no_assurance(client, db):
    measure = ProjectMeasureFactory(
        improvement_direction=HIGHER,
        target=14,
        unit="",
        recalculate_from=datetime.date(2020, 2, 1),
    )
    add_points_from(measure, ONE_POINT_LAST, JANUARY_2019)
    response = client.get(measure.project.url)
    assert response.status_code == 200
    section = measures_section(response)
    assert "From February 2020: mean 15, no process limits (1 point)." in section
    assert (
        "From February 2020 there is only 1 point: with no moving range it has no "
        "process limits and no assurance yet." in summary_items(section)
    )
    assert "Assurance:" not in section
    assert "consistently pass" not in section


def test_the_api_gives_a_one_point_segment_no_limits(client, db):
    measure = ProjectMeasureFactory(
        improvement_direction=HIGHER,
        target=14,
        recalculate_from=datetime.date(2020, 2, 1),
    )
    add_points_from(measure, ONE_POINT_LAST, JANUARY_2019)
    analysis = client.get(f"/api/measures/{measure.pk}/").json()["analysis"]
    last = analysis["segments"][-1]
    assert (last["mean"], last["lower_limit"], last["upper_limit"]) == (15, None, None)
    assert analysis["assurance"] is None
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert (
        "one point" in schema["SegmentOut"]["properties"]["lower_limit"]["description"]
    )


def test_the_first_rule_in_the_reference_order_labels_a_point(client, db):
    measure = ProjectMeasureFactory(improvement_direction=HIGHER, unit="")
    add_points(measure, RISE_BELOW_THE_MEAN)
    section = measures_section(client.get(measure.project.url))
    rows = table_rows(section)
    assert rows[-1] == ["May 2015", "16", "Improvement: trend, shift", ""]
    assert "Latest point: special cause variation (improvement)." in section


def test_two_of_three_is_named_as_the_current_rule_counts_it(client, db):
    measure = ProjectMeasureFactory(improvement_direction=HIGHER, unit="")
    add_points(measure, RISE_BELOW_THE_MEAN)
    rows = table_rows(measures_section(client.get(measure.project.url)))
    assert rows[1][2] == "Improvement: 2 of 3 close to or beyond a limit, shift"


def test_trial_limits_are_said_of_the_short_part_only(client, db):
    measure = ProjectMeasureFactory(
        improvement_direction=HIGHER, unit="", recalculate_from=month(6)
    )
    add_points(measure, SHORT_FIRST_PART)
    section = measures_section(client.get(measure.project.url))
    assert "From January 2014: mean 5, trial limits 5 to 5." in section
    assert re.search(r"From July 2014: mean [\d.]+, process limits ", section)
    assert (
        "The limits from January 2014 to June 2014 rest on 6 points (fewer than "
        "12): they are trial limits." in summary_items(section)
    )
    assert "Fewer than 12 points" not in section


@pytest.mark.parametrize(
    ("values", "headline", "icon"),
    [
        (
            [*BASELINE, 14, 15, 13, 14, 15, 14, 13],
            "Balancing measure: possible harm.",
            "Variation: special cause variation (possible harm)",
        ),
        (
            [*BASELINE, 6, 7, 5, 6, 7, 6, 5],
            "Balancing measure: no sign of harm.",
            "Variation: special cause variation (no sign of harm)",
        ),
    ],
    ids=["worse", "better"],
)
def test_a_balancing_measure_reads_as_harm(client, db, values, headline, icon):
    measure = ProjectMeasureFactory(kind=ProjectMeasure.Kind.BALANCING)  # lower
    add_points(measure, values)
    section = measures_section(client.get(measure.project.url))
    assert summary_items(section)[0] == headline
    assert icon in section
    assert re.search(r"Harm would show as\s*</dt>\s*<dd[^>]*>\s*Higher values", section)
    assert "(improvement)" not in section
    assert "(concern)" not in section


def test_a_percentage_limit_stops_at_0_and_the_summary_says_so(client, db):
    measure = ProjectMeasureFactory(
        unit="%", unit_kind=ProjectMeasure.UnitKind.PERCENTAGE
    )
    add_points(measure, [1, 0, 2, 0, 5, 0, 1, 0, 3, 0, 1, 0, 2])
    section = measures_section(client.get(measure.project.url))
    assert (
        "The lower process limit would be below 0, which a percentage cannot be: "
        "it is drawn at 0." in summary_items(section)
    )
    assert "process limits 0 to 7.14 (%)." in section


def test_an_astronomical_point_is_marked_in_the_data_table(client, db):
    measure = ProjectMeasureFactory(unit="")
    add_points(measure, [*BASELINE, 30, 10], annotations={12: "Norovirus outbreak"})
    measure.points.filter(period=month(12)).update(astronomical=True)
    rows = table_rows(measures_section(client.get(measure.project.url)))
    assert rows[12][3] == "Astronomical point. Norovirus outbreak"
    assert rows[13][3] == ""


@pytest.mark.parametrize(
    "change",
    [
        lambda measure: measure.points.filter(period=month(12)).update(
            astronomical=True
        ),
        lambda measure: ProjectMeasure.objects.filter(pk=measure.pk).update(
            kind=ProjectMeasure.Kind.BALANCING
        ),
        lambda measure: ProjectMeasure.objects.filter(pk=measure.pk).update(
            unit_kind=ProjectMeasure.UnitKind.COUNT
        ),
    ],
    ids=["astronomical", "kind", "unit kind"],
)
def test_the_cached_chart_is_replaced_when_what_it_reads_changes(client, db, change):
    measure = ProjectMeasureFactory()
    add_points(measure, [*BASELINE, 30, 10, 1, 0, 1])
    before = chart_of(client.get(measure.project.url))
    change(measure)
    assert chart_of(client.get(measure.project.url)) != before


LONG_IDEA = "Hourly rounding at night by healthcare assistants on both wards"


def test_every_pdsa_cycle_is_read_in_full_in_a_numbered_key(client, db):
    measure = ProjectMeasureFactory()
    add_points(measure, STEP_DOWN)
    ProjectUpdatePageFactory(
        parent=measure.project,
        pdsa_cycles=[
            pdsa_cycle(LONG_IDEA, datetime.date(2014, 10, 6)),
            pdsa_cycle("Falls sticker", datetime.date(2015, 2, 2)),
        ],
    )
    section = measures_section(client.get(measure.project.url))
    key = section[section.index('<g class="qi-pdsa-key"') :]
    key = key[: key.index("</g>")]
    entries = [
        " ".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", entry))
        for entry in re.findall(r'<text class="qi-pdsa-key-entry">(.*?)</text>', key)
    ]
    assert entries == [f"1. Oct 2014: {LONG_IDEA}", "2. Feb 2015: Falls sticker"]


def test_signals_before_a_recalculation_are_one_line_of_history(client, db):
    measure = ProjectMeasureFactory(recalculate_from=month(17))  # lower is better
    add_points(measure, STEP_DOWN)
    items = summary_items(measures_section(client.get(measure.project.url)))
    history = [item for item in items if item.startswith("History")]
    assert len(history) == 1
    assert history[0].startswith(
        "History, before the limits were recalculated from June 2015: 10 points "
        "in a row above the mean from January 2014; "
    )
    assert not [item for item in items if item.startswith("Special cause")]
