"""The public "How we are doing" board, a KPI's chart page, and the staff's
board and KPI admin."""

import datetime

import pytest

from django.urls import reverse

from cohorts.models import KPIValue, ProgrammeKPI
from tests.factories import (
    CohortPageFactory,
    LearningModuleSessionFactory,
    LinkedFellowFactory,
    ProgrammeKPIFactory,
    ProgrammePageFactory,
    SessionFeedbackFactory,
    StaffUserFactory,
)
from tests.factories.measures import month

Source = ProgrammeKPI.Source
D = datetime.date
# 24 months about 50, then a month far above: a special cause (improvement).
SPECIAL = [50, 52, 48, 51, 49, 50, 53, 47, 50, 51, 49, 50] * 2 + [80]


@pytest.fixture
def programme(db):
    programme = ProgrammePageFactory(title="Northfield QI Fellowship")
    CohortPageFactory(parent=programme, start_date=D(2015, 1, 1))
    return programme


def entered(programme, name, numbers, **fields):
    kpi = ProgrammeKPIFactory(programme=programme, name=name, **fields)
    KPIValue.objects.bulk_create(
        KPIValue(kpi=kpi, period=month(n, D(2015, 1, 1)), value=value)
        for n, value in enumerate(numbers)
    )
    return kpi


def board_url(programme):
    return programme.url + programme.reverse_subpage("how_we_are_doing")


def kpi_url(programme, kpi):
    return programme.url + programme.reverse_subpage("kpi", args=[kpi.pk])


def test_the_board_shows_each_kpi_with_its_latest_value_and_a_link(client, programme):
    kpi = entered(programme, "Fellows on time", SPECIAL, unit="%")

    response = client.get(board_url(programme))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>How we are doing: Northfield QI Fellowship</h1>" in html
    assert "Fellows on time" in html
    assert "80% (January 2017)" in html
    assert f'href="{kpi_url(programme, kpi)}"' in html
    assert "<svg" in html  # the variation icon


def test_the_board_has_its_own_head(client, programme):
    html = client.get(board_url(programme)).content.decode()

    assert "<title>How we are doing: Northfield QI Fellowship" in html
    assert f'<link rel="canonical" href="http://localhost{board_url(programme)}"' in (
        html
    )


def test_the_programme_page_links_to_the_board(client, programme):
    html = client.get(programme.url).content.decode()

    assert f'href="{board_url(programme)}"' in html


def test_a_kpi_page_shows_the_xmr_chart_its_summary_and_data(client, programme):
    kpi = entered(programme, "Fellows on time", SPECIAL)

    html = client.get(kpi_url(programme, kpi)).content.decode()

    assert "<h1>Fellows on time</h1>" in html
    assert "The XmR chart" in html
    assert "improvement" in html.lower()
    assert "The data for Fellows on time (25 points)" in html
    assert "Entered by the programme team" in html


def test_a_kpi_with_few_points_is_a_run_chart(client, programme):
    kpi = entered(programme, "Fellows on time", [1, 2, 3])

    html = client.get(kpi_url(programme, kpi)).content.decode()

    assert "The run chart" in html


def test_another_programmes_kpi_is_not_found_here(client, programme):
    other = ProgrammeKPIFactory(programme=ProgrammePageFactory())

    assert client.get(kpi_url(programme, other)).status_code == 404
    assert client.get(board_url(programme) + "99999999999/").status_code == 404


def test_no_fellows_name_reaches_the_board_or_a_kpi_page(client, programme):
    cohort = programme.get_children().get().specific
    session = LearningModuleSessionFactory(cohort=cohort, date=D(2015, 3, 3))
    names = [f"Quentin Fellow{n}" for n in range(5)]
    for name in names:
        SessionFeedbackFactory(
            session=session, fellow__name=name, comment="The room was cold"
        )
    kpi = ProgrammeKPIFactory(programme=programme, source=Source.SATISFACTION)

    pages = [client.get(board_url(programme)), client.get(kpi_url(programme, kpi))]

    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "4 out of 5 (March 2015)" in html
        assert not any(name in html for name in names)
        assert "The room was cold" not in html


def test_the_board_makes_as_many_queries_for_many_kpis(
    client, programme, count_queries
):
    def add_one_of_each(numbers):
        for source in Source:
            if source == Source.ENTERED:
                entered(programme, f"Entered {numbers}", range(numbers))
            else:
                ProgrammeKPIFactory(programme=programme, source=source)

    add_one_of_each(2)
    client.get(board_url(programme))  # the site's and the page's caches
    few = count_queries(lambda: client.get(board_url(programme)))
    add_one_of_each(12)
    add_one_of_each(24)
    client.get(board_url(programme))  # the caches again: the edits bumped their tags
    many = count_queries(lambda: client.get(board_url(programme)))

    assert few == many


def test_staff_see_the_boards_on_their_dashboard(client, programme):
    entered(programme, "Fellows on time", SPECIAL)
    client.force_login(StaffUserFactory())

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "How we are doing: programme KPIs" in html
    assert "Fellows on time" in html
    assert board_url(programme) in html


def test_fellows_do_not_see_the_boards_on_their_dashboard(client, programme):
    entered(programme, "Fellows on time", SPECIAL)
    client.force_login(LinkedFellowFactory().user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Fellows on time" not in html


def kpi_form(programme, **fields):
    return {
        "programme": programme.pk,
        "name": "Learner satisfaction",
        "descriptor": "How fellows rate the sessions.",
        "source": "satisfaction",
        "period": "quarterly",
        "improvement_direction": "higher_is_better",
        "target": "4",
        "unit": "",
        "unit_kind": "other",
        "sort_order": "0",
        "values-TOTAL_FORMS": "0",
        "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "1000",
        **fields,
    }


def test_staff_define_a_kpi(client, programme):
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("wagtailsnippets_cohorts_programmekpi:add"), kpi_form(programme)
    )

    assert response.status_code == 302
    kpi = ProgrammeKPI.objects.get()
    assert (kpi.programme_id, kpi.source, kpi.unit) == (
        programme.pk,
        "satisfaction",
        "out of 5",
    )


def add_entered_kpi(client, programme, period, day):
    """Staff add an entered KPI of that period with one value dated ``day``."""
    return client.post(
        reverse("wagtailsnippets_cohorts_programmekpi:add"),
        kpi_form(
            programme,
            source="entered",
            period=period,
            **{
                "values-TOTAL_FORMS": "1",
                "values-0-period": day,
                "values-0-value": "3",
                "values-0-annotation": "",
                "values-0-ORDER": "1",
                "values-0-DELETE": "",
            },
        ),
    )


def test_staff_cannot_enter_a_value_not_dated_the_first_of_a_month(client, programme):
    client.force_login(StaffUserFactory())

    response = add_entered_kpi(client, programme, "monthly", "2015-01-15")

    assert response.status_code == 200
    assert "Date the value the first day of its month." in response.content.decode()
    assert not ProgrammeKPI.objects.exists()


def test_fellows_cannot_define_kpis(client, programme):
    client.force_login(LinkedFellowFactory().user)

    response = client.post(
        reverse("wagtailsnippets_cohorts_programmekpi:add"), kpi_form(programme)
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not ProgrammeKPI.objects.exists()


def test_the_sitemap_lists_the_board_and_each_kpi(client, programme):
    kpi = entered(programme, "Fellows on time", [1])

    html = client.get("/sitemap.xml").content.decode()

    assert board_url(programme) in html
    assert kpi_url(programme, kpi) in html


def test_a_kpi_id_beyond_any_id_is_not_found(client, programme):
    response = client.get(board_url(programme) + f"{2**70}/")

    assert response.status_code == 404


def test_staff_see_the_kpi_listing(client, programme):
    kpi = entered(programme, "Fellows on time", [1])
    client.force_login(StaffUserFactory())

    response = client.get(reverse("wagtailsnippets_cohorts_programmekpi:list"))

    assert response.status_code == 200
    assert str(kpi) == "Fellows on time"
    assert "Fellows on time" in response.content.decode()
    assert "Northfield QI Fellowship" in response.content.decode()


def test_staff_cannot_enter_a_percentage_over_100(client, programme):
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("wagtailsnippets_cohorts_programmekpi:add"),
        kpi_form(
            programme,
            source="entered",
            unit="%",
            unit_kind="percentage",
            **{
                "values-TOTAL_FORMS": "1",
                "values-0-period": "2015-01-01",
                "values-0-value": "140",
                "values-0-annotation": "",
                "values-0-ORDER": "1",
                "values-0-DELETE": "",
            },
        ),
    )

    assert response.status_code == 200
    assert "A percentage is between 0 and 100; 140 is not." in (
        response.content.decode()
    )
    assert not ProgrammeKPI.objects.exists()


def test_a_quarterly_kpis_value_is_dated_the_start_of_a_quarter(client, programme):
    client.force_login(StaffUserFactory())

    response = add_entered_kpi(client, programme, "quarterly", "2015-02-01")

    assert response.status_code == 200
    assert "first day of its quarter" in response.content.decode()
    assert not ProgrammeKPI.objects.exists()


def test_two_values_for_one_period_are_a_form_error(client, programme):
    client.force_login(StaffUserFactory())
    rows = {}
    for n in range(2):
        rows |= {
            f"values-{n}-period": "2015-01-01",
            f"values-{n}-value": str(n + 1),
            f"values-{n}-annotation": "",
            f"values-{n}-ORDER": str(n + 1),
            f"values-{n}-DELETE": "",
        }

    response = client.post(
        reverse("wagtailsnippets_cohorts_programmekpi:add"),
        kpi_form(programme, source="entered", **{"values-TOTAL_FORMS": "2", **rows}),
    )

    assert response.status_code == 200
    assert "Another value has this date" in response.content.decode()
    assert not ProgrammeKPI.objects.exists()
