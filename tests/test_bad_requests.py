"""What a hand-made request gets instead of a 500: ids beyond the database's
columns in a URL or a bulk action's ``?id=``, and an editor form posted without
the fields a browser always sends, or with them not as a browser fills them.
Each is refused and writes nothing."""

import pytest

from django.test import Client

from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from cohorts.models import Fellow
from tests.factories import CohortPageFactory, FellowFactory, ProjectUpdatePageFactory

HUGE = "9223372036854775808"  # one more than PostgreSQL's bigint holds

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_an_outcomes_csv_of_a_huge_cohort_id_is_not_found():
    CohortPageFactory()
    response = Client(raise_request_exception=False).get(
        f"/cohorts/{HUGE}/outcomes.csv"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("bad", [HUGE, "-1", "abc", ""])
@pytest.mark.parametrize(
    "model",
    ["cohorts/fellow", "wagtailcore/page", "wagtailimages/image", "auth/user"],
)
def test_a_bulk_action_refuses_ids_it_cannot_hold(staff_client, model, bad):
    fellow = FellowFactory()
    url = f"/admin/bulk/{model}/delete/"
    for method in (staff_client.get, staff_client.post):
        response = method(f"{url}?id={fellow.pk}&id={bad}")
        assert response.status_code == 404
    assert Fellow.objects.filter(pk=fellow.pk).exists()


def test_a_bulk_action_with_good_ids_still_asks_to_confirm(staff_client):
    fellows = FellowFactory.create_batch(2)
    query = "&".join(f"id={fellow.pk}" for fellow in fellows)
    response = staff_client.get(f"/admin/bulk/cohorts/fellow/delete/?{query}")
    assert response.status_code == 200
    for fellow in fellows:
        assert fellow.name in response.text


def test_an_editor_post_without_its_stream_fields_is_a_400(staff_client):
    update = ProjectUpdatePageFactory()
    revisions = update.revisions.count()
    for url in (
        f"/admin/pages/{update.pk}/edit/",
        f"/admin/pages/{update.pk}/edit/preview/",
        f"/admin/pages/add/cohorts/projectupdatepage/{update.get_parent().pk}/",
    ):
        response = staff_client.post(url, {"title": "Forged"})
        assert response.status_code == 400, url
        assert "Sorry, the request could not be read" in response.text
    assert update.revisions.count() == revisions
    assert not Page.objects.filter(title="Forged").exists()


def editor_form(client, page):
    """The editor's form data, as the browser would post it unchanged, with
    the two streams empty (the browser's JavaScript writes their fields)."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update({"body-count": "0", "pdsa_cycles-count": "0"})
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"pdsa_cycles-count": "abc"},
        {"body-count": "-1"},
        {"pdsa_cycles-count": "1", "pdsa_cycles-0-order": "first"},
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "1",
            "comments-0-id": "abc",
        },
    ],
)
def test_an_editor_post_with_unreadable_fields_is_a_400(staff_client, changes):
    update = ProjectUpdatePageFactory()
    data = editor_form(staff_client, update)
    data["title"] = "Forged"
    for name, value in changes.items():
        data[name] = value
    revisions = update.revisions.count()
    for url in (
        f"/admin/pages/{update.pk}/edit/",
        f"/admin/pages/{update.pk}/edit/preview/",
    ):
        response = staff_client.post(url, data)
        assert response.status_code == 400, url
        assert "Sorry, the request could not be read" in response.text
    assert update.revisions.count() == revisions
    assert not Page.objects.filter(title="Forged").exists()


def test_the_editor_form_as_the_browser_sends_it_still_saves(staff_client):
    update = ProjectUpdatePageFactory()
    data = editor_form(staff_client, update)
    data["title"] = "Saved as sent"
    response = staff_client.post(f"/admin/pages/{update.pk}/edit/", data)
    assert response.status_code == 302
    assert update.revisions.latest("created_at").content["title"] == "Saved as sent"
