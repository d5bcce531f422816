"""What the public and staff see of the feedback: mean scores over at least
five responses, never a name; comments for staff only."""

import pytest

from django.urls import reverse

from tests.factories import (
    CohortPageFactory,
    LearningModuleSessionFactory,
    LinkedCoachFactory,
    LinkedFellowFactory,
    SessionFeedbackFactory,
    StaffUserFactory,
)

NAMES = ["Ada Quint", "Bram Voss", "Cleo Marr", "Dev Oduya", "Esme Hart", "Finn Lowe"]
REPORT = "cohorts_report_feedback"


def responses(session, n, **answers):
    return [
        SessionFeedbackFactory(
            session=session,
            fellow__name=NAMES[i],
            fellow__cohort=session.cohort,
            **answers,
        )
        for i in range(n)
    ]


@pytest.fixture
def session(db):
    return LearningModuleSessionFactory(
        module__title="Leadership",
        cohort__title="Cohort 2025/26",
        cohort__parent__title="QI Fellowship",
    )


def module_page(client, session):
    response = client.get(session.module.url)
    assert response.status_code == 200
    return response.content.decode()


def test_four_responses_show_no_scores_on_the_module_page(client, session):
    responses(session, 4, overall=2)

    html = module_page(client, session)

    assert "Not enough fellows have given feedback" in html
    assert "Overall quality" not in html


def test_five_responses_show_the_sessions_mean_scores(client, session):
    responses(session, 4, overall=4)
    SessionFeedbackFactory(session=session, fellow__cohort=session.cohort, overall=2)

    html = module_page(client, session)

    assert "Overall quality" in html
    assert "3.6" in html  # (4 * 4 + 2) / 5
    assert "QI Fellowship – Cohort 2025/26" in html
    assert "All sessions" in html


def test_a_small_session_counts_only_in_the_modules_total(client, session):
    small = LearningModuleSessionFactory(module=session.module, cohort=session.cohort)
    responses(session, 3, overall=5)
    responses(small, 2, overall=1)

    html = module_page(client, session)

    assert "All sessions" in html
    assert "3.4" in html  # (3 * 5 + 2 * 1) / 5
    assert "Cohort 2025/26," not in html  # neither session has 5 on its own


def test_no_name_or_comment_reaches_the_public_page(client, session):
    responses(session, 6, comment="The room was far too cold")

    html = module_page(client, session)

    assert "Overall quality" in html
    for name in NAMES:
        assert name not in html
    assert "far too cold" not in html


@pytest.mark.parametrize(
    "url",
    ["/api/programmes/", "/api/cohorts/", "/api/outcomes/", "/feeds/updates/"],
)
def test_no_name_or_comment_reaches_the_api_or_feeds(client, session, url):
    responses(session, 6, comment="The room was far too cold")

    response = client.get(url)

    text = response.content.decode()
    assert response.status_code == 200
    assert not any(name in text for name in NAMES)
    assert "far too cold" not in text


def test_no_name_or_comment_reaches_the_outcomes_export(client, session):
    responses(session, 6, comment="The room was far too cold")

    response = client.get(reverse("cohort_outcomes_csv", args=[session.cohort.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert not any(name in text for name in NAMES)
    assert "far too cold" not in text


def report(client, user):
    client.force_login(user)
    return client.get(reverse(REPORT))


def test_staff_see_scores_per_programme_cohort_module_and_session(client, session):
    responses(session, 5, overall=3)

    response = report(client, StaffUserFactory())

    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("By programme", "By cohort", "By module", "By session"):
        assert heading in html
    assert html.count("3.0") >= 4
    assert "Leadership: QI Fellowship – Cohort 2025/26" in html


def test_staff_see_a_small_session_only_in_the_totals(client, session):
    small = LearningModuleSessionFactory(
        module=session.module, cohort=CohortPageFactory(title="Cohort 2024/25")
    )
    responses(session, 5)
    responses(small, 4)

    html = report(client, StaffUserFactory()).content.decode()

    assert "Leadership: QI Fellowship – Cohort 2025/26" in html
    assert "Leadership: Cohort 2024/25" not in html
    assert ">9<" in html  # the module's nine responses


def test_staff_read_comments_without_names(client, session):
    responses(session, 5, comment="More time for the case studies")

    html = report(client, StaffUserFactory()).content.decode()

    assert html.count("More time for the case studies") == 5
    for name in NAMES:
        assert name not in html


def test_comments_of_a_module_under_the_threshold_are_not_shown(client, session):
    responses(session, 4, comment="More time for the case studies")

    html = report(client, StaffUserFactory()).content.decode()

    assert "More time for the case studies" not in html


@pytest.mark.parametrize("role", ["fellow", "coach"])
def test_fellows_and_coaches_cannot_open_the_report(client, session, role):
    responses(session, 5, comment="More time for the case studies")
    factory = LinkedFellowFactory if role == "fellow" else LinkedCoachFactory

    response = report(client, factory().user)

    assert response.status_code == 302
    assert "More time" not in response.content.decode()
