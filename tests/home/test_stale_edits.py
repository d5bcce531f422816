"""A save from an editor opened before someone else's save is refused with a
message, and the newer revision is kept (home.forms.EditorPageForm)."""

import re

import pytest

from django.urls import reverse

from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cohorts.models import FellowProjectPage, ProjectUpdatePage
from home.forms import EditorPageForm
from tests.cohorts.access.test_permissions import update_form
from tests.cohorts.roles import build_cast
from tests.factories import StaffUserFactory, StandardPageFactory


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_editor(client, page):
    """The revision fields of the editor's form, as a browser would post them."""
    html = client.get(edit_url(page)).text
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html)[1]
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def standard_page_form(intro, loaded):
    return nested_form_data(
        {
            "title": "About the programme",
            "slug": "about",
            "intro": intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
            **loaded,
        }
    )


@pytest.fixture
def page(db):
    page = StandardPageFactory(slug="about", intro="First words.")
    page.save_revision()
    return page


def latest_intro(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().intro


def test_a_save_from_an_up_to_date_editor_is_applied(client, page):
    client.force_login(StaffUserFactory())
    loaded = open_editor(client, page)

    response = client.post(edit_url(page), standard_page_form("Second.", loaded))

    assert response.status_code == 302
    assert latest_intro(page) == "Second."


def test_a_stale_save_is_refused_and_the_newer_revision_kept(client, page):
    client.force_login(StaffUserFactory())
    loaded = open_editor(client, page)  # two tabs open the same revision
    client.post(edit_url(page), standard_page_form("Saved first.", loaded))
    revisions = page.revisions.count()

    response = client.post(edit_url(page), standard_page_form("Saved later.", loaded))

    assert response.status_code == 200  # the editor again, with the message
    assert "Someone saved a newer version of this page" in response.text
    assert "Saved later." in response.text  # the author's changes are still there
    assert latest_intro(page) == "Saved first."
    assert page.revisions.count() == revisions


def test_saving_again_after_the_refusal_is_a_deliberate_replacement(client, page):
    client.force_login(StaffUserFactory())
    loaded = open_editor(client, page)
    client.post(edit_url(page), standard_page_form("Saved first.", loaded))
    refused = client.post(edit_url(page), standard_page_form("Saved later.", loaded))
    reloaded = {
        name: re.search(rf'name="{name}" value="([^"]*)"', refused.text)[1]
        for name in loaded
    }

    client.post(edit_url(page), standard_page_form("Saved later.", reloaded))

    assert latest_intro(page) == "Saved later."


def test_a_fellows_stale_save_over_a_staff_edit_is_refused(client, db):
    cast = build_cast()
    update = cast.draft_a
    client.force_login(cast.fellow_a.user)
    loaded = open_editor(client, update)
    client.force_login(cast.staff)
    client.post(
        edit_url(update),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", summary="Staff's edit."
        ),
    )
    client.force_login(cast.fellow_a.user)

    response = client.post(
        edit_url(update),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", summary="Old tab.", **loaded
        ),
    )

    latest = Page.objects.get(pk=update.pk).specific.get_latest_revision_as_object()
    assert "Someone saved a newer version of this page" in response.text
    assert latest.summary == "Staff's edit."


def test_every_page_type_refuses_stale_saves():
    ours = [
        model for model in get_page_models() if model._meta.app_label != "wagtailcore"
    ]
    assert FellowProjectPage in ours and ProjectUpdatePage in ours
    for model in ours:
        assert issubclass(model.get_edit_handler().get_form_class(), EditorPageForm)
