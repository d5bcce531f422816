"""Measures, PDSA cycles, progress scores and the driver diagram: the models,
the editor, and what the project and update pages show."""

import datetime
import re
from unittest import mock

import pytest

from django.db import IntegrityError
from django.urls import reverse

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cohorts.blocks import PDSACycleBlock
from cohorts.demo import measures as demo_measures
from cohorts.measures import charts
from cohorts.models import (
    FellowProjectFellow,
    FellowProjectPage,
    MeasurePoint,
    ProjectMeasure,
)
from tests.caching import empty_cache
from tests.factories import (
    FellowFactory,
    FellowProjectPageFactory,
    MeasurePointFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
)
from tests.factories.measures import month

TREND = [30, 32, 31, 35, 40, 46, 52, 58, 57, 59]
SPIKE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 30, 10, 9]
SHIFT = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12, 6, 7, 5, 6, 7, 6, 5, 6, 7, 6]


def add_points(measure, values, annotations=None):
    annotations = annotations or {}
    MeasurePoint.objects.bulk_create(
        MeasurePoint(
            measure=measure,
            period=month(i),
            value=value,
            annotation=annotations.get(i, ""),
            approved=True,
        )
        for i, value in enumerate(values)
    )


def measures_section(response):
    html = response.content.decode()
    return html[html.index('id="measures"') :]


def pdsa_cycle(change_idea, start, decision="adopt", end=None):
    return (
        "pdsa_cycle",
        {
            "change_idea": change_idea,
            "start_date": start,
            "end_date": end,
            "prediction": "Fewer falls at night.",
            "what_was_done": "Hourly rounding on one bay for two weeks.",
            "study": "Falls fell as predicted; staff found it manageable.",
            "decision": decision,
        },
    )


def test_measure_and_point_str(db):
    point = MeasurePointFactory(period=month(0), measure__name="Falls")
    assert str(point.measure) == "Falls"
    assert str(point) == "Falls: 2014-01-01"


def test_point_period_is_unique_per_measure(db):
    point = MeasurePointFactory()
    with pytest.raises(IntegrityError):
        MeasurePoint.objects.create(measure=point.measure, period=point.period, value=1)


def test_unit_suffix_joins_percent_and_spaces_words(db):
    assert ProjectMeasure(unit="%").unit_suffix == "%"
    assert ProjectMeasure(unit="days").unit_suffix == " days"
    assert ProjectMeasure(unit="").unit_suffix == ""


def test_project_page_shows_the_measure_definition(client, db):
    measure = ProjectMeasureFactory(baseline="12.500", target=8)
    add_points(measure, [10, 9])
    section = measures_section(client.get(measure.project.url))
    assert measure.name in section
    for text in (
        "Outcome",
        measure.operational_definition,
        measure.data_source,
        "Monthly",
        "Lower is better",
        "12.5 falls per 1,000 bed days",
        "8 falls per 1,000 bed days",
    ):
        assert text in section


def test_measure_without_data_says_so(client, db):
    measure = ProjectMeasureFactory()
    section = measures_section(client.get(measure.project.url))
    assert "No data has been published for this measure yet." in section
    assert "<svg" not in section


def test_fewer_than_10_points_draw_a_run_chart_without_rules(client, db):
    measure = ProjectMeasureFactory()
    add_points(measure, TREND[:5])
    section = measures_section(client.get(measure.project.url))
    assert "run chart" in section
    assert "Fewer than 10 points: the run chart rules are not applied yet." in section


def test_fewer_than_12_points_draw_a_run_chart_with_its_rules(client, db):
    measure = ProjectMeasureFactory(
        improvement_direction=ProjectMeasure.Direction.HIGHER
    )
    add_points(measure, TREND)
    section = measures_section(client.get(measure.project.url))
    assert "What the run chart shows" in section
    assert "Trend upwards from March 2014: improvement." in section
    assert "Median: 43 (falls per 1,000 bed days)." in section
    assert "What the XmR chart shows" not in section


def test_12_points_or_more_draw_an_xmr_chart(client, db):
    measure = ProjectMeasureFactory(target=12)
    add_points(measure, SPIKE, annotations={11: "Norovirus outbreak"})
    section = measures_section(client.get(measure.project.url))
    assert "What the XmR chart shows" in section
    assert (
        "Special cause variation (concern): a point above the upper process limit "
        "in December 2014." in section
    )
    assert "Assurance: hit and miss." in section
    assert "Norovirus outbreak" in section
    # The variation and assurance icons, each with its text label.
    assert 'aria-labelledby="measure-1-heading"' in section
    assert "Variation: common cause variation" in section
    assert "Assurance: hit and miss" in section


def test_xmr_chart_limits_are_recalculated_from_the_change_date(client, db):
    measure = ProjectMeasureFactory(recalculate_from=datetime.date(2015, 1, 1))
    add_points(measure, SHIFT)
    section = measures_section(client.get(measure.project.url))
    assert "Mean and limits recalculated from January 2015." in section
    assert "Limits recalculated from" in section
    assert "From January 2014: mean" in section
    assert "From January 2015: mean" in section


def test_xmr_chart_labels_a_shift_by_the_improvement_direction(client, db):
    measure = ProjectMeasureFactory()  # lower is better
    add_points(measure, SHIFT)
    section = measures_section(client.get(measure.project.url))
    assert (
        "Special cause variation (improvement): 10 points in a row below the mean "
        "from January 2015." in section
    )
    assert "Variation: special cause variation (improvement)" in section


def test_data_table_lists_every_point_in_a_details_element(client, db):
    measure = ProjectMeasureFactory(unit="%")
    add_points(measure, SPIKE, annotations={11: "Norovirus outbreak"})
    section = measures_section(client.get(measure.project.url))
    details = section[section.index("<details") : section.index("</details>")]
    assert f"The data for {measure.name} (14 points)" in details
    caption = re.search(r"<caption[^>]*>\s*(.*?)\s*</caption>", details)
    assert caption[1] == f"Data points of {measure.name}"
    assert details.count('scope="row"') == 14
    assert "Value (%)" in details
    assert "December 2014" in details
    assert "Concern: outside the limits" in details


def test_charts_are_inline_svg_with_an_accessible_name_and_no_script(client, db):
    measure = ProjectMeasureFactory()
    add_points(measure, SPIKE)
    section = measures_section(client.get(measure.project.url))
    chart = re.search(r"<svg[^>]*>", section)[0]
    assert 'role="img"' in chart
    assert 'aria-labelledby="measure-' in chart
    assert "<script" not in section
    assert "<img" not in section


def test_pdsa_cycles_of_published_updates_are_chart_markers(client, db):
    measure = ProjectMeasureFactory()
    add_points(measure, SPIKE)
    update = ProjectUpdatePageFactory(
        parent=measure.project,
        pdsa_cycles=[pdsa_cycle("Hourly rounding", datetime.date(2014, 6, 2))],
    )
    ProjectUpdatePageFactory(
        parent=measure.project,
        live=False,
        pdsa_cycles=[pdsa_cycle("Draft idea", datetime.date(2014, 7, 1))],
    )
    section = measures_section(client.get(measure.project.url))
    assert "PDSA cycles: June 2014, Hourly rounding." in section
    assert "Draft idea" not in section
    log = section[section.index('id="pdsa-cycles"') :]
    assert "Hourly rounding" in log
    assert "Adopt" in log
    assert update.url in log


def test_progress_score_history_comes_from_the_updates(client, db):
    project = FellowProjectPageFactory()
    ProjectUpdatePageFactory(
        parent=project, date=datetime.date(2014, 11, 1), progress_score="1.5"
    )
    ProjectUpdatePageFactory(
        parent=project, date=datetime.date(2015, 3, 1), progress_score="3.0"
    )
    ProjectUpdatePageFactory(parent=project, date=datetime.date(2015, 4, 1))
    html = client.get(project.url).content.decode()
    progress = html[html.index('id="progress"') :]
    assert "Now: <strong>3.0: Modest improvement</strong>" in progress
    assert progress.index("1.5: Planning for the project has begun") < progress.index(
        "3.0: Modest improvement</span>"
    )


def test_project_without_qi_content_shows_no_qi_sections(client, db):
    html = client.get(FellowProjectPageFactory().url).content.decode()
    for section in ("measures", "driver-diagram", "pdsa-cycles", "progress"):
        assert f'id="{section}"' not in html


def test_driver_diagram_is_a_nested_list(client, db):
    project = FellowProjectPageFactory(
        driver_diagram=[
            (
                "primary_driver",
                {
                    "driver": "Reliable night-time checks",
                    "secondary_drivers": [
                        {
                            "driver": "Staff know who is at risk",
                            "change_ideas": ["Falls risk sticker on the board"],
                        }
                    ],
                },
            )
        ]
    )
    html = client.get(project.url).content.decode()
    diagram = html[html.index('id="driver-diagram"') :]
    aim = diagram.index(project.aim)
    primary = diagram.index("Primary driver:</span> Reliable night-time checks")
    secondary = diagram.index("Secondary driver:</span> Staff know who is at risk")
    idea = diagram.index("Change idea:</span> Falls risk sticker on the board")
    assert aim < primary < secondary < idea
    assert diagram[aim:idea].count("<ul>") == 3


def test_update_page_shows_its_pdsa_cycles_and_progress_score(client, db):
    update = ProjectUpdatePageFactory(
        progress_score="2.5",
        pdsa_cycles=[
            pdsa_cycle(
                "Hourly rounding",
                datetime.date(2015, 1, 5),
                decision="adapt",
                end=datetime.date(2015, 1, 19),
            )
        ],
    )
    html = client.get(update.url).content.decode()
    assert "2.5: Changes tested, but no improvement" in html
    cycle = html[html.index('id="pdsa-cycles"') :]
    for text in (
        "Hourly rounding",
        "5 January 2015",
        "19 January 2015",
        "Plan: prediction",
        "Fewer falls at night.",
        "Study: against the prediction",
        "Act: decision",
        "Adapt",
    ):
        assert text in cycle


def test_pdsa_cycle_must_not_end_before_it_starts():
    block = PDSACycleBlock()
    _, value = pdsa_cycle(
        "Idea", datetime.date(2015, 2, 1), end=datetime.date(2015, 1, 1)
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "end_date" in error.value.block_errors


def test_project_editor_has_a_measures_tab_linking_to_each_measures_data(
    admin_client,
):
    measure = ProjectMeasureFactory()
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[measure.project.pk])
    ).content.decode()
    assert "Measures" in html
    assert reverse("cohorts_measures:data", args=[measure.pk]) in html


def test_measures_are_added_inline_in_the_project_editor(admin_client):
    project = FellowProjectPageFactory()
    link = FellowProjectFellow.objects.create(project=project, fellow=FellowFactory())
    data = nested_form_data(
        {
            "title": project.title,
            "slug": project.slug,
            "summary": project.summary,
            "aim": project.aim,
            "problem": project.problem,
            "status": project.status,
            "body": streamfield([]),
            "driver_diagram": streamfield([]),
            "project_fellows": inline_formset(
                [{"id": link.pk, "fellow": link.fellow_id}], initial=1
            ),
            "measures": inline_formset(
                [
                    {
                        "name": "Falls per 1,000 bed days",
                        "kind": "outcome",
                        "operational_definition": "Falls / bed days x 1,000.",
                        "unit": "falls per 1,000 bed days",
                        "unit_kind": "rate",
                        "data_source": "Incident system",
                        "frequency": "monthly",
                        "improvement_direction": "lower_is_better",
                        "baseline": "9.5",
                        "target": "6",
                        "recalculate_from": "",
                    }
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[project.pk]), data
    )
    assert response.status_code == 302
    measure = ProjectMeasure.objects.get(project=project)
    assert measure.target == 6
    assert measure.improvement_direction == "lower_is_better"
    assert measure.unit_kind == "rate"


def test_chart_is_computed_once_and_served_from_the_cache(client, db):
    measure = ProjectMeasureFactory()
    add_points(measure, SPIKE)
    with mock.patch.object(
        charts, "build_chart", wraps=charts.build_chart
    ) as build_chart:
        first = measures_section(client.get(measure.project.url))
        second = measures_section(client.get(measure.project.url))
    assert build_chart.call_count == 1
    assert first == second


@pytest.mark.parametrize(
    "change",
    [
        lambda measure: MeasurePoint.objects.create(
            measure=measure, period=month(14), value=40, approved=True
        ),
        lambda measure: measure.points.filter(period=month(11)).update(value=10),
        lambda measure: measure.points.filter(period=month(11)).delete(),
        lambda measure: ProjectMeasure.objects.filter(pk=measure.pk).update(
            improvement_direction="higher_is_better"
        ),
    ],
    ids=["point added", "point changed", "point deleted", "measure changed"],
)
def test_cached_chart_is_replaced_when_the_data_changes(client, db, change):
    measure = ProjectMeasureFactory()
    add_points(measure, SPIKE)
    before = measures_section(client.get(measure.project.url))
    change(measure)
    after = measures_section(client.get(measure.project.url))
    assert after != before
    empty_cache()
    assert measures_section(client.get(measure.project.url)) == after


def test_draft_preview_of_a_new_measure_renders_without_data(db):
    project = FellowProjectPageFactory()
    project.measures.add(ProjectMeasureFactory.build(project=project))
    qi = charts.for_project(project)
    assert [item.chart for item in qi.measures] == [None]


@pytest.mark.parametrize("idea", list(demo_measures.IDEAS))
def test_demo_measures_show_a_shift_a_trend_and_a_special_cause(db, idea):
    project = FellowProjectPageFactory(
        title=f"{idea}: Northbridge", slug="demo", start_date=datetime.date(2014, 10, 1)
    )
    updates = [
        ProjectUpdatePageFactory(parent=project, date=datetime.date(2014, 11, 1) + gap)
        for gap in (datetime.timedelta(days=60 * n) for n in range(4))
    ]
    demo_measures.load(project, updates)
    qi = charts.for_project(FellowProjectPage.objects.get(pk=project.pk))
    outcome, process, balancing = (
        (item.chart["type"], len(item.chart["rows"]), " ".join(item.chart["summary"]))
        for item in qi.measures
    )
    assert outcome[:2] == ("spc", 28)
    assert "points in a row" in outcome[2] or "recalculated from" in outcome[2]
    assert process[:2] == ("run", 10)
    assert "Trend upwards" in process[2] or "Trend downwards" in process[2]
    assert balancing[:2] == ("spc", 16)
    assert "a point above the upper process limit" in balancing[2]
    assert len(qi.cycles) == 3
    assert [
        str(update.progress_score) for update in qi.scores
    ] == demo_measures.PROGRESS
