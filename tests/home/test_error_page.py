import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.home.urls_with_an_error")]


@pytest.fixture
def failing(client):
    client.raise_request_exception = False
    return lambda: client.get("/fail/")


def test_error_page_does_not_claim_a_report_nobody_receives(failing, settings):
    settings.ERRORS_ARE_REPORTED = False

    response = failing()

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "has been told" not in response.text
    assert "has been reported" not in response.text
    assert "If it keeps happening, contact the programme team" in response.text


def test_error_page_says_the_problem_was_reported_when_it_was(failing, settings):
    settings.ERRORS_ARE_REPORTED = True

    response = failing()

    assert response.status_code == 500
    assert "The problem has been reported to the team that runs this site" in (
        response.text
    )
    assert "A bug" not in response.text
