"""Computed outcomes: the numbers against fixtures built for them, the
programme roll-up, consent, the charts, the CSV download and the impact page."""

import csv
import datetime
import io
from collections import Counter
from unittest import mock

import pytest

from django.contrib.staticfiles import finders

from cohorts import qi
from cohorts.models import FellowOutcome, FellowProjectPage, MeasurePoint
from cohorts.outcomes import counting
from cohorts.outcomes.drawing import bar_chart
from cohorts.outcomes.tally import BY_ORGANISATION, Tally
from tests.caching import empty_cache
from tests.cohorts.qi.test_improvement import BASELINE, CHANGE, LOWER_LEVEL
from tests.factories import (
    AccreditationStatusFactory,
    CohortPageFactory,
    FellowFactory,
    FellowOutcomeFactory,
    FellowProjectPageFactory,
    MeasurePointFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    ProjectMeasureFactory,
)
from tests.factories.measures import month

Status = FellowProjectPage.Status
Kind = FellowOutcome.Kind


def measure_with(project, values, pending=(), **fields):
    """A lower-is-better measure with approved points, then pending ones."""
    measure = ProjectMeasureFactory(
        project=project, improvement_direction="lower_is_better", **fields
    )
    for n, value in enumerate([*values, *pending]):
        MeasurePointFactory(
            measure=measure,
            period=month(n, start=datetime.date(2015, 1, 1)),
            value=value,
            approved=n < len(values),
        )
    return measure


@pytest.fixture
def programme(db):
    """Two live cohorts (2012 and 2014) of one programme, plus records that
    must not be counted in it: another programme's cohort, a draft cohort, a
    fellow with no cohort and a draft project."""
    programme = ProgrammePageFactory(title="QI Fellowship")
    north = OrganisationFactory(name="Northfield NHS Trust")
    east = OrganisationFactory(name="Eastmoor NHS Trust")
    enrolled = AccreditationStatusFactory(name="Enrolled", sort_order=10)
    awarded = AccreditationStatusFactory(
        name="Certificate awarded", sort_order=30, award_complete=True
    )

    first = CohortPageFactory(
        parent=programme, title="Cohort 2012", start_date=datetime.date(2012, 9, 1)
    )
    ann = FellowFactory(
        cohort=first,
        name="Ann Able",
        profession="nurse",
        organisation=north,
        accreditation_status=enrolled,
    )
    harriet = FellowFactory(
        cohort=first,
        name="Hidden Harriet",
        profession="doctor",
        organisation=north,
        accreditation_status=awarded,
        public_consent=False,
    )
    FellowFactory(cohort=first, name="Cat Cole", profession="nurse", organisation=None)
    testing = FellowProjectPageFactory(parent=first, status=Status.TESTING)
    sustained = FellowProjectPageFactory(parent=first, status=Status.SUSTAINED)
    draft = FellowProjectPageFactory(parent=first, status=Status.PLANNING, live=False)
    # Measures: 3 with approved data in the first cohort, 1 of them improving.
    measure_with(testing, BASELINE + LOWER_LEVEL[:7])  # XmR shift: improving
    measure_with(testing, BASELINE)  # no signal
    measure_with(sustained, BASELINE, pending=LOWER_LEVEL[:7])  # pending: no
    measure_with(sustained, [], pending=BASELINE)  # pending only: not counted
    measure_with(draft, BASELINE + LOWER_LEVEL[:7])  # draft project
    FellowOutcomeFactory.create_batch(2, fellow=ann, kind=Kind.PRESENTATION)
    FellowOutcomeFactory(fellow=harriet, kind=Kind.PUBLICATION)

    second = CohortPageFactory(
        parent=programme, title="Cohort 2014", start_date=datetime.date(2014, 9, 1)
    )
    dan = FellowFactory(
        cohort=second,
        name="Dan Dale",
        profession="midwife",
        organisation=east,
        accreditation_status=awarded,
    )
    spreading = FellowProjectPageFactory(parent=second, status=Status.SPREADING)
    # 1 measure, improving after its limits were recalculated.
    measure_with(spreading, BASELINE + LOWER_LEVEL, recalculate_from=CHANGE)
    FellowOutcomeFactory(fellow=dan, kind=Kind.PROMOTION)

    other = CohortPageFactory(title="Another programme's cohort")
    FellowFactory(cohort=other, profession="manager")
    measure_with(FellowProjectPageFactory(parent=other), BASELINE + LOWER_LEVEL[:7])
    draft = CohortPageFactory(parent=programme, title="Cohort 2016", live=False)
    FellowFactory(cohort=draft, profession="manager")
    FellowFactory(cohort=None, profession="scientist")
    programme.first, programme.second = first, second
    programme.sustained = sustained
    return programme


def test_cohort_counts_every_fellow_and_breaks_down_the_named(programme):
    outcomes = counting.for_cohort(programme.first)
    assert (outcomes.fellows, outcomes.unnamed_fellows) == (3, 1)
    assert outcomes.by_profession.rows == [("Nurse", 2)]  # not Harriet, a doctor


def test_cohort_counts_fellows_by_organisation_largest_first(programme):
    outcomes = counting.for_cohort(programme.first)
    assert outcomes.by_organisation.rows == [
        ("Northfield NHS Trust", 1),
        ("Not recorded", 1),
    ]


def test_cohort_counts_published_projects_by_status(programme):
    outcomes = counting.for_cohort(programme.first)
    assert outcomes.projects == 2
    assert outcomes.projects_by_status.rows == [
        ("Planning", 0),
        ("Testing changes", 1),
        ("Implementing", 0),
        ("Spreading", 0),
        ("Sustained", 1),
        ("Closed", 0),
    ]


def test_cohort_counts_accreditation_and_awards_completed(programme):
    outcomes = counting.for_cohort(programme.first)
    assert outcomes.accreditation_by_status.rows == [
        ("Enrolled", 1),
        ("Not recorded", 1),
    ]
    assert outcomes.awards_complete == 0  # Harriet's award is not counted


def test_cohort_counts_outcome_records_by_kind(programme):
    outcomes = counting.for_cohort(programme.first)
    assert outcomes.records == 2
    assert dict(outcomes.records_by_kind.rows) == {
        "Conference presentation": 2,
        "Poster": 0,
        "Publication": 0,  # Harriet's
        "Award": 0,
        "Promotion": 0,
        "Project spread to another site": 0,
    }


def test_programme_rolls_up_its_live_cohorts(programme):
    total = counting.for_programme(programme).total
    assert total.headline == "4 fellows in 2 cohorts since 2012"
    assert total.summary == [
        ("Fellows", 4),
        ("Fellows who chose not to be named", 1),
        ("Published projects", 3),
        ("Accreditation awards completed (named fellows)", 1),
        ("Outcome records (named fellows)", 3),
        ("Measures with data", 4),
        ("Measures with a sustained improvement", 2),
    ]
    assert ("Manager", 1) not in total.by_profession.rows


def test_programme_roll_up_equals_the_sum_of_its_cohorts(programme):
    rolled = counting.for_programme(programme)
    cohorts = [outcomes for _, outcomes in rolled.cohorts]
    assert [cohort.title for cohort, _ in rolled.cohorts] == [
        "Cohort 2014",
        "Cohort 2012",
    ]
    for name in (
        "fellows",
        "named_fellows",
        "projects",
        "records",
        "awards_complete",
        "cohorts",
        "measures",
        "improving_measures",
    ):
        assert getattr(rolled.total, name) == sum(getattr(c, name) for c in cohorts)
    for index, tally in enumerate(rolled.total.tallies):
        assert tally.counts == sum(
            (c.tallies[index].counts for c in cohorts), Counter()
        )


def test_cohort_counts_measures_with_a_sustained_improvement(programme):
    """Published projects' measures with approved data; the signal from the
    approved points only."""
    first, second = (
        counting.for_cohort(programme.first),
        counting.for_cohort(programme.second),
    )
    assert (first.measures, first.improving_measures) == (3, 1)
    assert (second.measures, second.improving_measures) == (1, 1)


def test_measure_signals_are_computed_once_then_cached(client, programme):
    empty_cache()
    with mock.patch(
        "cohorts.measures.charts.qi.sustained_improvement",
        wraps=qi.sustained_improvement,
    ) as analysed:
        client.get(programme.first.url)
        client.get(programme.first.url)
    assert analysed.call_count == 3  # the cohort's measures with approved data


def test_publishing_the_project_counts_its_approved_points(programme):
    programme.sustained.save_revision().publish()
    assert not MeasurePoint.objects.pending().exists()
    outcomes = counting.for_cohort(programme.first)
    assert (outcomes.measures, outcomes.improving_measures) == (4, 2)


def test_cohort_page_and_api_show_the_improving_measures(client, programme):
    html = client.get(programme.first.url).text
    assert "Measures with a sustained improvement" in html
    data = client.get(f"/api/programmes/{programme.pk}/outcomes/").json()
    assert data["measures"] == 4
    assert data["measures_with_sustained_improvement"] == 2


def test_programme_with_no_cohorts_has_zero_outcomes(db):
    total = counting.for_programme(ProgrammePageFactory()).total
    assert total.headline == "0 fellows in 0 cohorts"
    assert total.fellows == 0


def test_cohort_outcomes_page_shows_outcomes_without_unconsented_names(
    client, programme
):
    response = client.get(f"{programme.first.url}outcomes/")
    html = response.text
    assert response.status_code == 200
    assert "<h1>Outcomes: QI Fellowship – Cohort 2012</h1>" in html
    assert "Bar chart. Fellows, 2 in total. Nurse: 2." in html  # its description
    assert (
        "The counts about fellows are of the 2 fellows who agreed to be named; "
        "the total of 3 fellows also counts 1 fellow who chose not to be named."
    ) in html
    assert "Hidden Harriet" not in html


def test_cohort_outcomes_chart_is_an_accessible_image_with_a_table(client, programme):
    html = client.get(f"{programme.first.url}outcomes/").text
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="chart-named-fellows-by-profession-title '
        'chart-named-fellows-by-profession-desc"'
    ) in html
    assert '<title id="chart-named-fellows-by-profession-title">' in html
    assert "Data table: named fellows by profession" in html
    assert "<script" not in html.split("<h1>")[1].split("</main>")[0]


def test_programme_page_shows_the_roll_up(client, programme):
    response = client.get(programme.url)
    assert response.status_code == 200
    assert "4 fellows in 2 cohorts since 2012." in response.text
    assert "September 2012 to August 2015 · 3 fellows" in response.text
    assert "Hidden Harriet" not in response.text


def test_impact_page_renders_the_cohort_table_and_charts(client, programme):
    response = client.get(f"{programme.url}impact/")
    assert response.status_code == 200
    assert "cohorts/programme_impact.html" in [t.name for t in response.templates]
    html = response.text
    assert "<h1>Impact summary: QI Fellowship</h1>" in html
    assert f'<link rel="canonical" href="{programme.full_url}impact/">' in html
    assert 'class="app-impact"' in html
    assert "All cohorts" in html
    assert '<details class="nhsuk-details" open>' in html
    assert "Hidden Harriet" not in html


def test_impact_page_is_in_the_sitemap(programme):
    locations = [url["location"] for url in programme.get_sitemap_urls()]
    assert f"{programme.full_url}impact/" in locations


def test_site_stylesheet_has_print_rules():
    with open(finders.find("home/css/site.css")) as stylesheet:
        assert "@media print" in stylesheet.read()


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_outcome_csv_downloads_the_cohort_table(client, programme):
    response = client.get(f"/cohorts/{programme.first.pk}/outcomes.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{programme.first.slug}-outcomes.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == ["Cohort", "Table", "Category", "Count"]
    assert ["Cohort 2012", "Summary", "Fellows", "3"] in rows
    assert ["Cohort 2012", "Summary", "Fellows who chose not to be named", "1"] in rows
    assert ["Cohort 2012", "Named fellows by profession", "Nurse", "2"] in rows
    assert "Doctor" not in response.content.decode()  # Harriet's profession
    assert ["Cohort 2012", "Projects by status", "Closed", "0"] in rows
    assert [
        "Cohort 2012",
        "Summary",
        "Measures with a sustained improvement",
        "1",
    ] in rows
    assert "Hidden Harriet" not in response.content.decode()


def test_outcome_csv_escapes_formulas(client, programme):
    FellowFactory(
        cohort=programme.first,
        organisation=OrganisationFactory(name='=HYPERLINK("http://x")'),
    )
    rows = read_csv(client.get(f"/cohorts/{programme.first.pk}/outcomes.csv"))
    assert [
        "Cohort 2012",
        "Named fellows by organisation",
        '\'=HYPERLINK("http://x")',
        "1",
    ] in rows


def test_tallies_of_two_cohorts_add_up():
    one = Tally("T", "Kind", "Things", Counter({(0, "a"): 1, (1, "b"): 2}))
    two = Tally("T", "Kind", "Things", Counter({(1, "b"): 3}), shown=((2, "c"),))
    assert (one + two).rows == [("a", 1), ("b", 5), ("c", 0)]


def test_bar_chart_scales_the_longest_bar_to_the_width():
    tally = Tally(
        BY_ORGANISATION.title,
        "Organisation",
        "Fellows",
        Counter({(0, "North"): 4, (0, "East"): 2}),
        by_count=True,
    )
    chart = bar_chart(tally)
    assert [(bar.label, bar.width) for bar in chart.bars] == [
        ("North", 320),
        ("East", 160),
    ]
    assert chart.height == 2 * 48 + 4
    assert chart.description == ("Bar chart. Fellows, 6 in total. North: 4; East: 2.")


def test_bar_chart_shortens_long_labels_but_not_its_table():
    label = "A very long organisation name " * 4
    chart = bar_chart(Tally("T", "Organisation", "Fellows", Counter({(0, label): 1})))
    assert chart.bars[0].label.endswith("…")
    assert len(chart.bars[0].label) == 46
    assert chart.rows == [(label, 1)]
