"""A coach reads their fellow's pages in a read-only editor and comments on
them: nothing to type into, add or delete; saving stores their comments, each
once, and tells them so; the page itself never changes."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.urls import reverse

from wagtail.models import Comment, Page, PageSubscription
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cohorts.access.pages import COMMENTS_CLOSED
from tests.factories import ProjectMeasureFactory

# The editor's own bookkeeping; every other input would be content.
BOOKKEEPING = {
    "csrfmiddlewaretoken",
    "next",
    "loaded_revision_id",
    "loaded_revision_created_at",
    "comment_notifications",
}
COMMENT = "Good plan. How will you count weekend falls?"


@pytest.fixture
def update(cast):
    """Fellow A's draft update, with a paragraph and a planned PDSA cycle."""
    page = cast.draft_a
    page.summary = "Planning the weekend checklist."
    page.body = [("paragraph", "<p>Weekends are when most falls happen.</p>")]
    page.pdsa_cycles = [
        (
            "pdsa_cycle",
            {
                "change_idea": "Weekend handover checklist",
                "start_date": datetime.date(2015, 3, 7),
                "prediction": "Fewer falls at weekends.",
                "decision": "",
            },
        )
    ]
    page.save_revision(user=cast.fellow_a.user, clean=False)
    return Page.objects.get(pk=page.pk).specific


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor(client, user, page):
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(
        "form", id="page-edit-form"
    )


def inputs(form):
    """The names of the inputs a browser would post from the form."""
    return {
        element.get("name")
        for element in form.find_all(["input", "textarea", "select"])
        if not element.has_attr("disabled")
    }


def test_coach_editor_has_nothing_to_type_into_add_or_delete(client, cast, update):
    form = editor(client, cast.coach_a.user, update)

    assert inputs(form) <= BOOKKEEPING
    assert not form.select('[data-controller~="w-block"]')  # stream field editors
    assert not form.select('[id$="-ADD"], [id$="-DELETE-button"]')
    buttons = [" ".join(b.get_text().split()) for b in form.find_all("button")]
    assert "Save comments" in buttons
    assert "Save draft" not in buttons


def test_coach_reads_every_field_and_can_comment_on_it(client, cast, update):
    form = editor(client, cast.coach_a.user, update)

    text = " ".join(form.get_text().split())
    for shown in (
        "Planning the weekend checklist.",
        "Weekends are when most falls happen.",
        "Change idea Weekend handover checklist",
        "Prediction Fewer falls at weekends.",
        "What was done Empty",
        "Decision No decision yet",
    ):
        assert shown in text
    for field in ("title", "summary", "body", "pdsa_cycles"):
        assert form.select(f'[data-contentpath="{field}"] [data-comment-add]')


def test_coach_reads_the_measures_of_a_project(client, cast):
    ProjectMeasureFactory(project=cast.project_a, name="Falls per 1,000 bed days")
    client.force_login(cast.coach_a.user)

    response = client.get(edit_url(cast.project_a))

    form = BeautifulSoup(response.content, "html.parser").find(
        "form", id="page-edit-form"
    )
    text = " ".join(form.get_text().split())
    assert "Measure 1 Name Falls per 1,000 bed days Kind Outcome" in text
    assert "Fellow 1 Fellow Amara Shah" in text
    assert inputs(form) <= BOOKKEEPING
    assert not form.select('[id$="-ADD"], [id$="-DELETE-button"]')


def test_fellow_keeps_the_full_editor(client, cast, update):
    form = editor(client, cast.fellow_a.user, update)

    assert {"title", "summary", "date"} <= inputs(form)
    assert form.select('[data-controller~="w-block"]')


def comment_form(**fields):
    return nested_form_data(
        {
            "comment_notifications": "on",
            "comments": inline_formset(
                [
                    {
                        "contentpath": "pdsa_cycles",
                        "text": COMMENT,
                        "position": "",
                        "resolved": "",
                        "replies": inline_formset([]),
                    }
                ]
            ),
            **fields,
        }
    )


def test_coach_comment_is_stored_and_sent_once_though_autosave_posts_it_too(
    client, cast, update
):
    PageSubscription.objects.update_or_create(
        page=update, user=cast.fellow_a.user, defaults={"comment_notifications": True}
    )
    client.force_login(cast.coach_a.user)
    data = comment_form()

    autosaved = client.post(
        edit_url(update), data, headers={"Accept": "application/json"}
    )
    saved = client.post(edit_url(update), data)  # raced the autosave: no id yet

    assert json.loads(autosaved.content)["success"] is False
    assert saved.status_code == 302
    assert list(Comment.objects.values_list("text", "user")) == [
        (COMMENT, cast.coach_a.user.pk)
    ]
    to_fellow = [m for m in mail.outbox if cast.fellow_a.user.email in m.to]
    assert len(to_fellow) == 1


def test_coach_is_told_their_comments_are_saved_and_the_page_is_not(
    client, cast, update
):
    client.force_login(cast.coach_a.user)

    response = client.post(
        edit_url(update), comment_form(summary="The coach's rewrite."), follow=True
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        f"Your comments on '{update.title}' are saved. The page itself is "
        "unchanged: only its fellow edits it."
    ]
    latest = Page.objects.get(pk=update.pk).get_latest_revision_as_object()
    assert latest.summary == "Planning the weekend checklist."


def test_coach_saving_without_a_comment_saves_nothing(client, cast, update):
    revisions = update.revisions.count()
    client.force_login(cast.coach_a.user)

    response = client.post(
        edit_url(update),
        nested_form_data({"summary": "Typed in.", "comments": inline_formset([])}),
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["You have no new comments to save."]
    assert update.revisions.count() == revisions


def test_coach_cannot_bring_back_an_older_version(client, cast, update):
    first = update.revisions.order_by("created_at").first()
    client.force_login(cast.coach_a.user)

    response = client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[update.pk, first.pk]),
        comment_form(),
    )

    assert response.status_code in (302, 403)
    latest = Page.objects.get(pk=update.pk).get_latest_revision_as_object()
    assert latest.summary == "Planning the weekend checklist."


def test_coach_previews_the_draft_from_the_editor(client, cast, update):
    client.force_login(cast.coach_a.user)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[update.pk])

    posted = client.post(url, comment_form())
    shown = client.get(url)

    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}
    html = shown.content.decode()
    assert "Weekend handover checklist" in html
    assert "No decision yet" in html


def test_coach_is_told_why_comments_are_closed_while_staff_review(client, cast, update):
    client.force_login(cast.coach_a.user)
    open_for_comments = client.get(reverse("wagtailadmin_pages:edit", args=[update.pk]))
    cast.project_a.get_workflow().start(update, cast.fellow_a.user)
    in_review = client.get(reverse("wagtailadmin_pages:edit", args=[update.pk]))

    assert COMMENTS_CLOSED not in open_for_comments.text
    assert COMMENTS_CLOSED.split(". ")[0] in in_review.text
