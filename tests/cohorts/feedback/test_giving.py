"""A fellow gives feedback on their cohort's sessions: who may, when, and
one response per fellow per session."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from modules.models import SessionFeedback
from tests.factories import (
    CohortPageFactory,
    LearningModuleSessionFactory,
    LinkedCoachFactory,
    LinkedFellowFactory,
    SessionFeedbackFactory,
    StaffUserFactory,
)

ANSWERS = {"overall": "4", "relevance": "3", "recommend": "5", "comment": "Useful."}


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def session(db):
    return LearningModuleSessionFactory(date=days_ago(3), module__title="Leadership")


@pytest.fixture
def fellow(session):
    return LinkedFellowFactory(cohort=session.cohort)


def refused(response):
    """Wagtail's refusal: back to the dashboard with "Sorry, you do not have
    permission"."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def give(client, user, session, data=ANSWERS):
    client.force_login(user)
    return client.post(reverse("cohorts_feedback:give", args=[session.pk]), data)


def test_fellow_is_asked_for_feedback_on_their_dashboard(client, session, fellow):
    client.force_login(fellow.user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Feedback on your sessions" in html
    assert reverse("cohorts_feedback:give", args=[session.pk]) in html
    assert "Give feedback" in html


def test_dashboard_does_not_ask_before_the_session(client, fellow, session):
    later = LearningModuleSessionFactory(cohort=session.cohort, date=days_ago(-2))
    client.force_login(fellow.user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("cohorts_feedback:give", args=[later.pk]) not in html


def test_fellow_gives_feedback_and_it_is_saved(client, session, fellow):
    response = give(client, fellow.user, session)

    assert response.status_code == 302
    feedback = SessionFeedback.objects.get(session=session, fellow=fellow)
    assert (feedback.overall, feedback.relevance, feedback.recommend) == (4, 3, 5)
    assert feedback.comment == "Useful."


def test_fellow_changes_their_feedback_and_it_stays_one_response(
    client, session, fellow
):
    give(client, fellow.user, session)
    give(client, fellow.user, session, {**ANSWERS, "overall": "2"})

    assert SessionFeedback.objects.filter(session=session, fellow=fellow).count() == 1
    assert SessionFeedback.objects.get(session=session, fellow=fellow).overall == 2


def test_the_database_refuses_a_second_response(session, fellow):
    SessionFeedbackFactory(session=session, fellow=fellow)

    with pytest.raises(IntegrityError):
        SessionFeedbackFactory(session=session, fellow=fellow)


def test_the_form_shows_the_fellows_saved_answers(client, session, fellow):
    SessionFeedbackFactory(session=session, fellow=fellow, comment="Too long.")
    client.force_login(fellow.user)
    html = client.get(reverse("cohorts_feedback:give", args=[session.pk])).content

    assert b"Too long." in html
    assert b"Save your changes" in html


def test_a_score_out_of_range_is_a_form_error_and_writes_nothing(
    client, session, fellow
):
    response = give(client, fellow.user, session, {**ANSWERS, "overall": "6"})

    assert response.status_code == 400
    assert b"Ensure this value is less than or equal to 5." in response.content
    assert not SessionFeedback.objects.exists()


def test_feedback_is_open_on_the_last_day_of_the_window(client, fellow):
    session = LearningModuleSessionFactory(cohort=fellow.cohort, date=days_ago(30))

    assert give(client, fellow.user, session).status_code == 302


def test_after_the_window_a_post_is_refused_and_writes_nothing(client, fellow):
    session = LearningModuleSessionFactory(cohort=fellow.cohort, date=days_ago(31))

    response = give(client, fellow.user, session)

    assert response.status_code == 403
    assert b"Feedback on this session closed on" in response.content
    assert not SessionFeedback.objects.exists()


def test_after_the_window_a_saved_response_cannot_be_changed(client, fellow):
    session = LearningModuleSessionFactory(cohort=fellow.cohort, date=days_ago(40))
    SessionFeedbackFactory(session=session, fellow=fellow, overall=3)

    response = give(client, fellow.user, session, {**ANSWERS, "overall": "1"})

    assert response.status_code == 403
    assert SessionFeedback.objects.get().overall == 3


def test_staff_set_a_longer_window_on_the_module(client, fellow):
    session = LearningModuleSessionFactory(
        cohort=fellow.cohort, date=days_ago(45), module__feedback_days=60
    )

    assert give(client, fellow.user, session).status_code == 302


def test_staff_close_one_session_early(client, fellow):
    session = LearningModuleSessionFactory(
        cohort=fellow.cohort, date=days_ago(5), feedback_closes=days_ago(1)
    )

    assert give(client, fellow.user, session).status_code == 403
    assert not SessionFeedback.objects.exists()


def test_before_the_session_a_post_is_refused(client, fellow):
    session = LearningModuleSessionFactory(cohort=fellow.cohort, date=days_ago(0))

    assert give(client, fellow.user, session).status_code == 403
    assert not SessionFeedback.objects.exists()


def test_a_fellow_of_another_cohort_is_refused(client, session):
    other = LinkedFellowFactory(cohort=CohortPageFactory())

    client.force_login(other.user)
    url = reverse("cohorts_feedback:give", args=[session.pk])
    assert refused(client.get(url))
    assert refused(give(client, other.user, session))
    assert not SessionFeedback.objects.exists()


@pytest.mark.parametrize("role", ["coach", "staff"])
def test_coaches_and_staff_cannot_give_feedback(client, session, role):
    user = LinkedCoachFactory().user if role == "coach" else StaffUserFactory()

    assert refused(give(client, user, session))
    assert not SessionFeedback.objects.exists()


def test_an_unknown_session_is_a_404(client, fellow):
    client.force_login(fellow.user)

    response = client.get(reverse("cohorts_feedback:give", args=[999999]))

    assert response.status_code == 404


def test_the_feedback_panel_makes_as_many_queries_for_many_sessions(
    client, session, fellow, count_queries
):
    client.force_login(fellow.user)
    home = reverse("wagtailadmin_home")
    client.get(home)
    few = count_queries(lambda: client.get(home))
    for n in range(10):
        given = LearningModuleSessionFactory(
            cohort=session.cohort, date=days_ago(n + 1)
        )
        SessionFeedbackFactory(session=given, fellow=fellow)

    many = count_queries(lambda: client.get(home))

    assert few == many


def test_the_feedback_page_is_headed_with_its_module(client, session, fellow):
    client.force_login(fellow.user)
    html = client.get(reverse("cohorts_feedback:give", args=[session.pk])).text
    crumbs = BeautifulSoup(html, "html.parser").select_one("[data-w-breadcrumbs]")
    assert f"Feedback on {session.module.title}" in crumbs.get_text()


def test_each_question_is_answered_on_its_own_scale(client, session, fellow):
    client.force_login(fellow.user)
    html = client.get(reverse("cohorts_feedback:give", args=[session.pk])).text
    assert "5: very good" in html  # how good the session was
    assert "5: definitely" in html  # whether they would recommend it
