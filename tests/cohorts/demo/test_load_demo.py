import datetime

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Page

from cohorts.kpis.board import board
from cohorts.models import (
    AccreditationStatus,
    CohortPage,
    Fellow,
    FellowProjectPage,
    GoodPracticePage,
    MeasurePoint,
    ProgrammeKPI,
    ProgrammePage,
    Theme,
)
from home.models import HomePage
from modules.models import (
    LearningModulePage,
    LearningModuleSession,
    ModuleKind,
    SessionFeedback,
)
from tests.cohorts.access.test_dashboard import dashboard
from tests.conftest import kept_for_scope


def table_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"cohorts", "modules", "home", "wagtailcore", "auth", "wagtailsearch"}
        and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module's tests, and rolled back after them."""
    with kept_for_scope(django_db_blocker):
        call_command("load_demo", force=True, verbosity=0)
        yield


def test_load_demo_twice_changes_nothing(demo, db):
    before = table_counts()
    call_command("load_demo", force=True, verbosity=0)
    assert table_counts() == before


def test_load_demo_builds_the_programme(demo, db):
    main = ProgrammePage.objects.get(slug="quality-improvement-fellowship")
    cohorts = CohortPage.objects.child_of(main)
    assert [c.start_date.year for c in cohorts.order_by("start_date")] == [
        2012,
        2013,
        2014,
        2015,
    ]
    assert Fellow.objects.filter(cohort__in=cohorts).count() == 70
    assert ProgrammePage.objects.count() == 2
    assert set(Fellow.objects.values_list("profession", flat=True)) == set(
        Fellow.Profession.values
    )
    assert set(LearningModulePage.objects.values_list("kind", flat=True)) == set(
        ModuleKind.values
    )
    for project in FellowProjectPage.objects.all():
        assert 1 <= project.get_children().count() <= 4


def test_load_demo_uses_every_accreditation_status(demo, db):
    for status in AccreditationStatus.objects.all():
        assert status.fellows.exists(), status


def test_load_demo_links_the_demo_accounts(demo, db):
    fellow = Fellow.objects.get(user__username="fellow")
    assert fellow.public_consent
    assert fellow.coach.user.username == "coach"


def test_demo_accounts_each_see_their_role_on_the_dashboard(demo, db, client):
    users = get_user_model().objects.in_bulk(
        ["staff", "fellow", "coach"], field_name="username"
    )

    fellow_html = dashboard(client, users["fellow"])
    coach_html = dashboard(client, users["coach"])
    staff_html = dashboard(client, users["staff"])

    assert "Second PDSA cycle: night shift" in fellow_html
    assert "In progress" in fellow_html
    assert "Second PDSA cycle: night shift" in coach_html
    assert "Second PDSA cycle: night shift" in staff_html  # awaiting their review


def test_load_demo_refuses_without_debug(demo, db):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", verbosity=0)
    assert Page.objects.count() == pages


def test_demo_projects_never_name_a_fellow_without_consent(demo, db):
    for fellow in Fellow.objects.filter(public_consent=False):
        first_name = fellow.name.split()[0]
        for project in FellowProjectPage.objects.filter(project_fellows__fellow=fellow):
            assert fellow.slug not in project.url_path
            assert first_name not in f"{project.title} {project.summary}"


def test_demo_projects_without_a_named_fellow_never_name_their_organisation(demo, db):
    """The site does not publish their organisation (public_organisation), so
    neither do their title and address."""
    projects = FellowProjectPage.objects.exclude(
        project_fellows__fellow__public_consent=True
    ).select_related("organisation")
    assert projects.exists()
    for project in projects:
        name = project.organisation.name.split(" NHS")[0]
        assert project.public_organisation is None
        assert name not in project.title
        assert slugify(name) not in project.url_path
    named = FellowProjectPage.objects.filter(
        project_fellows__fellow__public_consent=True
    ).first()
    assert named.public_organisation == named.organisation
    assert named.organisation.name.split(" NHS")[0] in named.title


def test_load_demo_has_good_practice_under_every_theme(demo, db):
    published = GoodPracticePage.objects.live()
    assert published.count() >= 8
    for theme in Theme.objects.filter(good_practice=True):
        assert published.filter(themes=theme).exists(), theme
    assert published.filter(projects__isnull=False).exists()


def test_load_demo_has_an_example_shared_through_the_form_awaiting_review(demo, db):
    (shared,) = GoodPracticePage.objects.filter(live=False)
    assert shared.workflow_in_progress
    assert shared.current_workflow_state.requested_by is None
    assert shared.contact_email == "carers.cafe@example.org"


def test_load_demo_features_projects_with_data_on_the_home_page(demo, db, client):
    home = HomePage.objects.get(depth=2)
    featured = [link.project for link in home.featured_projects.all()]
    assert len(featured) == 3
    assert all(project.measures.filter(points__isnull=False) for project in featured)
    html = client.get("/").text
    for project in featured:
        assert escape(project.title) in html


def test_load_demo_gives_a_module_resources_to_download(demo, db, client):
    module = LearningModulePage.objects.get(slug="improvement-science-in-practice")
    titles = [r.document.title for r in module.resources.all()]
    assert titles == ["PDSA cycle worksheet", "Run chart data template"]
    assert "PDSA cycle worksheet</a> (TXT" in client.get(module.url).text


def test_load_demo_has_feedback_on_the_past_sessions(demo, db):
    past = LearningModuleSession.objects.filter(date__lt=datetime.date(2017, 1, 1))
    assert past.exists()
    assert not past.filter(feedback__isnull=True).exists()


def test_load_demo_asks_the_demo_fellow_for_feedback(demo, db):
    fellow = Fellow.objects.get(user__username="fellow")
    open_sessions = [
        session
        for session in LearningModuleSession.objects.filter(cohort=fellow.cohort)
        if session.feedback_state() == "open"
    ]
    assert open_sessions
    assert not SessionFeedback.objects.filter(
        fellow=fellow, session__in=open_sessions
    ).exists()


def test_load_demo_has_a_kpi_board_with_a_special_cause(demo, db):
    main = ProgrammePage.objects.get(slug="quality-improvement-fellowship")
    items = board(main)
    assert len(items) >= 4
    assert {item.kpi.source for item in items} >= set(ProgrammeKPI.Source)
    assert any(
        len(item.points) >= 24
        and item.chart["type"] == "spc"
        and any("Special cause" in sentence for sentence in item.chart["summary"])
        for item in items
    )


def test_demo_measure_data_is_what_its_unit_can_take(demo, db):
    """Every demo point could be entered on the data page: no percentage over
    100 and no negative rate."""
    for point in MeasurePoint.objects.select_related("measure"):
        point.measure.check_value(point.value)
