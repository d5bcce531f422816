"""A save from an editor opened before someone else's save is refused with a
message, and the newer revision is kept (home.forms.EditorPageForm)."""

import re
from html import unescape
from html.parser import HTMLParser

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


class EditFormInputs(HTMLParser):
    """The hidden inputs of the editor's form (#page-edit-form)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.inputs = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.depth or attrs.get("id") == "page-edit-form"):
            self.depth += 1
        elif self.depth and tag == "input" and attrs.get("type") == "hidden":
            self.inputs[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.depth:
            self.depth -= 1


def hidden_inputs(html):
    """What the browser posts from the editor besides the person's fields: the
    CSRF token, `next`, the loaded revision and, after a refusal,
    `newer_revision_id`."""
    parser = EditFormInputs()
    parser.feed(html)
    return parser.inputs


def autosave(client, page, data):
    """What Wagtail's autosave (its w-autosave controller) posts: the whole form
    as FormData, with Accept: application/json (and `overwrite_revision_id`
    once an autosave of the open editor has succeeded)."""
    return client.post(edit_url(page), data, headers={"Accept": "application/json"})


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

    client.post(
        edit_url(page), standard_page_form("Saved later.", hidden_inputs(refused.text))
    )

    assert latest_intro(page) == "Saved later."


def test_an_autosave_of_an_up_to_date_editor_is_applied(client, page):
    client.force_login(StaffUserFactory())
    opened = hidden_inputs(client.get(edit_url(page)).text)

    response = autosave(client, page, standard_page_form("Autosaved.", opened))

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert latest_intro(page) == "Autosaved."


def two_tabs_and_a_refusal(client):
    """A fellow opens their draft in two tabs; tab A saves a new title, then tab
    B saves another and is refused. Returns the draft, the editor tab B is shown
    again and what tab B's person typed."""
    cast = build_cast()
    draft = cast.draft_a
    client.force_login(cast.fellow_a.user)
    tab_a = hidden_inputs(client.get(edit_url(draft)).text)
    tab_b = hidden_inputs(client.get(edit_url(draft)).text)
    saved = client.post(
        edit_url(draft), update_form(title="Tab A's title", slug="first-pdsa", **tab_a)
    )
    assert saved.status_code == 302
    typed = {"title": "Tab B's title", "slug": "first-pdsa"}
    refused = client.post(edit_url(draft), update_form(**typed, **tab_b))
    assert "Someone saved a newer version of this page" in refused.text
    return draft, refused, typed


def latest_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title


def test_an_autosave_after_the_refusal_keeps_the_newer_revision(client, db):
    """Wagtail's editor autosaves soon after it is shown again with the refusal
    (the form has unsaved changes), carrying the latest revision's ids."""
    draft, refused, typed = two_tabs_and_a_refusal(client)
    revisions = draft.revisions.count()

    response = autosave(
        client, draft, update_form(**typed, **hidden_inputs(refused.text))
    )

    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error_code": "invalid_revision",  # Wagtail's JS stops autosaving on it
        "error_message": EditorPageForm.STALE,  # shown under "Autosave is paused"
    }
    assert latest_title(draft) == "Tab A's title"
    assert draft.revisions.count() == revisions


def test_the_persons_save_after_the_refused_autosave_replaces_the_newer_revision(
    client, db
):
    draft, refused, typed = two_tabs_and_a_refusal(client)
    shown_again = hidden_inputs(refused.text)
    autosave(client, draft, update_form(**typed, **shown_again))

    response = client.post(
        edit_url(draft), update_form(**typed, **shown_again), follow=True
    )

    assert latest_title(draft) == "Tab B's title"
    told = unescape(response.text)
    assert "Page 'Tab B's title' has been updated." in told
    assert "Someone saved a newer version" not in told
    assert hidden_inputs(response.text).get("newer_revision_id") == ""


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
