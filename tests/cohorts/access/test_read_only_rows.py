"""Saving the page editor as a browser does: a disabled input is not submitted.

The rows a fellow or coach may not change (a project's "Fellow" rows; for a
coach, every row but the comments) are shown disabled, so the browser posts
nothing for them; saving must keep them exactly as they are, whatever is posted
in their place (cohorts/permissions.py ReadOnlyRows)."""

import pytest

from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import Comment, Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from cohorts.models import FellowProjectFellow, ProjectMeasure
from tests.factories import FellowFactory, ProjectMeasureFactory


def browser_post(client, page):
    """Open the page's editor and return what its form would submit: every
    named input with its value, except the disabled ones (and those in a
    disabled fieldset) and the templates for new rows, which browsers leave
    out. The stream fields are drawn by JavaScript: for the pages here they are
    empty, and an empty stream posts its count of blocks, 0."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    soup = WagtailTestUtils.get_soup(response.content)
    for element in soup.select("[disabled], fieldset[disabled] *, template"):
        element.decompose()
    data = querydict_from_html(str(soup), form_id="page-edit-form")
    draft = latest(page)
    for field in type(draft)._meta.get_fields():
        if isinstance(field, StreamField):
            assert not getattr(draft, field.name)
            data[f"{field.name}-count"] = "0"
    return data


def save(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def fellows_of(project):
    return [(link.fellow_id, link.sort_order) for link in project.project_fellows.all()]


def measures_of(project):
    return [(measure.pk, measure.name) for measure in project.measures.all()]


def new_comment(data, text):
    data.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "comments-0-id": "",
            "comments-0-contentpath": "aim",
            "comments-0-text": text,
            "comments-0-position": "",
            "comments-0-resolved": "",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "1000",
        }
    )


def test_querydict_from_html_alone_would_post_disabled_inputs(client, cast):
    """Why browser_post removes disabled inputs itself."""
    client.force_login(cast.fellow_a.user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]))

    assert "project_fellows-0-id" in querydict_from_html(
        response.content.decode(), form_id="page-edit-form"
    )
    assert "project_fellows-0-id" not in browser_post(client, cast.project_a)


def test_fellow_saves_their_project(client, cast):
    client.force_login(cast.fellow_a.user)
    before = fellows_of(latest(cast.project_a))
    data = browser_post(client, cast.project_a)
    data["title"] = "Fewer falls on ward 7"

    response = save(client, cast.project_a, data)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk])
    project = latest(cast.project_a)
    assert project.title == "Fewer falls on ward 7"
    assert fellows_of(project) == before
    assert [fellow for fellow, _ in before] == [cast.fellow_a.pk]


@pytest.fixture
def shared_project(cast):
    """Project A, shared by fellow A and fellow B."""
    cast.project_a.project_fellows.update(sort_order=0)
    FellowProjectFellow.objects.create(
        project=cast.project_a, fellow=cast.fellow_b, sort_order=1
    )
    cast.project_a.save_revision().publish()
    return cast.project_a


FORGERIES = {
    "delete a row": {
        "project_fellows-1-id": "{b}",
        "project_fellows-1-DELETE": "1",
    },
    "add a row": {
        "project_fellows-TOTAL_FORMS": "3",
        "project_fellows-2-id": "",
        "project_fellows-2-fellow": "{c}",
        "project_fellows-2-ORDER": "3",
    },
    "reorder the rows": {
        "project_fellows-0-id": "{b}",
        "project_fellows-0-ORDER": "1",
        "project_fellows-1-id": "{a}",
        "project_fellows-1-ORDER": "2",
    },
    "change a row's fellow": {
        "project_fellows-0-id": "{a}",
        "project_fellows-0-fellow": "{c}",
    },
    "leave the rows out": {
        "project_fellows-TOTAL_FORMS": "0",
        "project_fellows-INITIAL_FORMS": "0",
    },
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_fellow_cannot_forge_changes_to_the_fellow_rows(
    client, cast, shared_project, forgery
):
    links = {
        "a": shared_project.project_fellows.get(fellow=cast.fellow_a).pk,
        "b": shared_project.project_fellows.get(fellow=cast.fellow_b).pk,
        "c": FellowFactory(name="Chidi Eze").pk,
    }
    before = fellows_of(latest(shared_project))
    client.force_login(cast.fellow_a.user)
    data = browser_post(client, shared_project)
    data["summary"] = "A sharper summary."
    data.update(
        {key: value.format(**links) for key, value in FORGERIES[forgery].items()}
    )

    response = save(client, shared_project, data)

    assert response.status_code == 302
    project = latest(shared_project)
    assert project.summary == "A sharper summary."
    assert fellows_of(project) == before
    assert [fellow for fellow, _ in before] == [cast.fellow_a.pk, cast.fellow_b.pk]


def test_fellow_keeps_a_fellow_row_that_is_only_in_the_draft(client, cast):
    """A row added in an unpublished draft has no id yet: it is kept all the same."""
    draft = latest(cast.project_a)
    draft.project_fellows.add(FellowProjectFellow(fellow=cast.fellow_b, sort_order=1))
    draft.save_revision(user=cast.staff)
    client.force_login(cast.fellow_a.user)
    data = browser_post(client, cast.project_a)
    data["title"] = "Fewer falls on ward 7"

    save(client, cast.project_a, data)

    project = latest(cast.project_a)
    assert project.title == "Fewer falls on ward 7"
    assert [link.fellow_id for link in project.project_fellows.all()] == [
        cast.fellow_a.pk,
        cast.fellow_b.pk,
    ]


@pytest.fixture
def measured_project(cast):
    """Project A with a published measure and one only in the fellow's draft."""
    ProjectMeasureFactory(project=cast.project_a, name="Falls per 1,000 bed days")
    draft = latest(cast.project_a)
    draft.measures.add(
        ProjectMeasure(
            name="Hourly rounding done",
            kind=ProjectMeasure.Kind.PROCESS,
            operational_definition="Rounds logged, divided by hours on the ward.",
            data_source="Rounding charts",
            improvement_direction=ProjectMeasure.Direction.HIGHER,
        )
    )
    draft.save_revision(user=cast.fellow_a.user)
    return cast.project_a


def test_coach_saves_a_comment_and_nothing_else(client, cast, measured_project):
    before = latest(measured_project)
    client.force_login(cast.coach_a.user)
    data = browser_post(client, measured_project)
    new_comment(data, "Is 30% realistic by March?")

    response = save(client, measured_project, data)

    assert response.status_code == 302
    assert response.url == reverse(
        "wagtailadmin_pages:edit", args=[measured_project.pk]
    )
    comment = Comment.objects.get(page=measured_project)
    assert (comment.user, comment.text, comment.contentpath) == (
        cast.coach_a.user,
        "Is 30% realistic by March?",
        "aim",
    )
    project = latest(measured_project)
    assert (project.title, project.summary, project.aim) == (
        before.title,
        before.summary,
        before.aim,
    )
    assert fellows_of(project) == fellows_of(before)
    assert measures_of(project) == measures_of(before)
    assert [measure.name for measure in project.measures.all()] == [
        "Falls per 1,000 bed days",
        "Hourly rounding done",
    ]


def test_coach_cannot_forge_changes_to_the_content_or_rows(
    client, cast, measured_project
):
    before = latest(measured_project)
    measure = measured_project.measures.get()
    client.force_login(cast.coach_a.user)
    data = browser_post(client, measured_project)
    new_comment(data, "Looks good.")
    data.update(
        {
            "summary": "The coach's rewrite.",
            "measures-0-id": str(measure.pk),
            "measures-0-DELETE": "1",
            "measures-TOTAL_FORMS": "3",
            "measures-2-id": "",
            "measures-2-name": "A coach's measure",
        }
    )

    response = save(client, measured_project, data)

    assert response.status_code == 302
    project = latest(measured_project)
    assert project.summary == before.summary
    assert measures_of(project) == measures_of(before)
    assert Comment.objects.get(page=measured_project).text == "Looks good."
