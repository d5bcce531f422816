"""The admin dashboard of a fellow and of a coach."""

import datetime

from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils.html import escape

from tests.cohorts.roles import client_for, project_for
from tests.factories import LinkedFellowFactory, ProjectUpdatePageFactory

from .test_moderation import act
from .test_permissions import update_form


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_fellow_sees_their_project_with_edit_and_add_links(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert escape(cast.project_a.title) in html
    assert reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]) in html
    assert (
        reverse(
            "wagtailadmin_pages:add",
            args=["cohorts", "projectupdatepage", cast.project_a.pk],
        )
        in html
    )
    assert escape(cast.project_b.title) not in html


def test_fellow_sees_their_coach(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert "Helen Marsh" in html
    assert "Robert Okafor" not in html


def test_fellow_sees_a_link_to_their_own_profile(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert (
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[cast.fellow_a.pk]) in html
    )


def test_fellow_without_submissions_is_told_how_to_submit(client, cast):
    """In the words of the editor's button, which names the workflow."""
    editor = client_for(client, cast.fellow_a.user).get(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk])
    )
    assert "Submit to Project update review" in editor.text
    html = dashboard(client, cast.fellow_a.user)

    assert "Submit to Project update review" in html


def submit(client, cast):
    client.force_login(cast.fellow_a.user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )


def test_fellow_sees_their_submission_in_moderation(client, cast):
    submit(client, cast)

    html = dashboard(client, cast.fellow_a.user)

    assert "First PDSA cycle" in html
    assert "In progress" in html


def test_fellow_sees_the_reviewers_comment_after_rejection(client, cast):
    submit(client, cast)
    draft = cast.draft_a.specific_class.objects.get(pk=cast.draft_a.pk)
    act(client, draft, cast.staff, "reject", "Add the run chart, please.")

    html = dashboard(client, cast.fellow_a.user)

    assert "Needs changes" in html
    assert "Add the run chart, please." in html


def test_fellow_dashboard_has_nothing_else(client, cast):
    html = dashboard(client, cast.fellow_a.user)

    assert 'id="fellow-home-section"' in html
    assert "Your most recent edits" not in html
    assert "Awaiting your review" not in html
    assert 'id="coach-home-section"' not in html


def test_coach_sees_their_fellows_and_pending_drafts(client, cast):
    html = dashboard(client, cast.coach_a.user)

    assert "Amara Shah" in html
    assert "Ben Cole" not in html
    assert "First PDSA cycle" in html
    assert reverse("wagtailadmin_pages:view_draft", args=[cast.draft_a.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]) in html


def test_another_coach_does_not_see_fellow_as_drafts(client, cast):
    html = dashboard(client, cast.coach_b.user)

    assert "Ben Cole" in html
    assert "First PDSA cycle" not in html
    assert "No drafts waiting." in html


def test_staff_keep_wagtails_dashboard(client, cast):
    html = dashboard(client, cast.staff)

    assert 'id="fellow-home-section"' not in html
    assert 'id="coach-home-section"' not in html


def fellow_pages(html):
    """The rows of the fellow's table of pages: title, state and the links."""
    table = BeautifulSoup(html, "html.parser").find("table", id="fellow-pages")
    return {
        row.th.get_text(strip=True): (
            row.find("td", class_="state").get_text(strip=True),
            [link["href"] for link in row.find_all("a")],
        )
        for row in table.tbody.find_all("tr")
    }


def updates_in_every_state(client, cast, numbers=(0,)):
    """Updates of fellow A's project in each state a page can be in, one of each
    per number."""
    workflow = cast.project_a.get_workflow()
    for n in numbers:
        ProjectUpdatePageFactory(parent=cast.project_a, title=f"Live {n}")
        changed = ProjectUpdatePageFactory(parent=cast.project_a, title=f"Edited {n}")
        changed.summary = "Changed since it was published."
        changed.save_revision(user=cast.fellow_a.user)
        for title in (f"Submitted {n}", f"Rejected {n}"):
            draft = ProjectUpdatePageFactory(
                parent=cast.project_a, title=title, live=False
            )
            draft.save_revision(user=cast.fellow_a.user)
            workflow.start(draft, cast.fellow_a.user)
        act(client, draft, cast.staff, "reject", "Add the run chart.")
        client.logout()


def test_fellow_sees_every_page_of_their_project_with_its_state(client, cast):
    updates_in_every_state(client, cast)

    pages = fellow_pages(dashboard(client, cast.fellow_a.user))

    assert {title: state for title, (state, _) in pages.items()} == {
        cast.project_a.title: "Live",
        "First PDSA cycle": "Draft",
        "Live 0": "Live",
        "Edited 0": "Live + draft",
        "Submitted 0": "In review",
        "Rejected 0": "Changes requested",
    }


def test_fellow_opens_each_page_in_its_editor_from_the_dashboard(client, cast):
    pages = fellow_pages(dashboard(client, cast.fellow_a.user))

    _, links = pages["First PDSA cycle"]
    assert reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]) in links
    assert reverse("wagtailadmin_pages:view_draft", args=[cast.draft_a.pk]) in links
    assert client.get(links[0]).status_code == 200


def test_fellow_does_not_see_another_fellows_pages(client, cast):
    ProjectUpdatePageFactory(parent=cast.project_b, title="Ben's live update")

    pages = fellow_pages(dashboard(client, cast.fellow_b.user))

    assert set(pages) == {cast.project_b.title, "Ben's live update"}


def test_fellow_dashboard_queries_do_not_grow_with_pages(client, cast, count_queries):
    url = reverse("wagtailadmin_home")
    updates_in_every_state(client, cast)
    client.force_login(cast.fellow_a.user)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    updates_in_every_state(client, cast, numbers=range(1, 4))
    client.force_login(cast.fellow_a.user)

    assert len(fellow_pages(client.get(url).content.decode())) == 2 + 4 * 4
    assert count_queries(lambda: client.get(url)) == few


def coach_table(html, table_id):
    """The rows of a table of the coach's panel, by their first cell."""
    table = BeautifulSoup(html, "html.parser").find("table", id=table_id)
    return {
        row.th.get_text(strip=True): row.find_all("td")
        for row in table.tbody.find_all("tr")
    }


def test_coach_sees_each_fellow_with_their_project_and_latest_update(client, cast):
    ProjectUpdatePageFactory(
        parent=cast.project_a,
        title="Baseline collected",
        date=datetime.date(2015, 3, 2),
    )
    ProjectUpdatePageFactory(
        parent=cast.project_a, title="Older update", date=datetime.date(2015, 1, 5)
    )

    fellows = coach_table(dashboard(client, cast.coach_a.user), "coach-fellows")

    assert list(fellows) == ["Amara Shah"]
    project, latest = fellows["Amara Shah"]
    links = [a["href"] for a in project.find_all("a")]
    assert links == [
        reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[cast.project_a.pk]),
    ]
    assert latest.get_text(" ", strip=True) == "Baseline collected , 2 March 2015"
    assert client.get(links[0]).status_code == 200


def test_coach_sees_each_draft_with_its_fellows_name(client, cast):
    drafts = coach_table(dashboard(client, cast.coach_a.user), "coach-drafts")

    assert drafts["First PDSA cycle"][0].get_text(strip=True) == "Amara Shah"


def test_coach_does_not_see_another_coachs_fellows(client, cast):
    html = dashboard(client, cast.coach_a.user)

    assert "Ben Cole" not in html
    assert escape(cast.project_b.title) not in html


def test_coach_dashboard_queries_do_not_grow_with_fellows(client, cast, count_queries):
    url = reverse("wagtailadmin_home")
    client.force_login(cast.coach_a.user)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for n in range(11):
        fellow = LinkedFellowFactory(coach=cast.coach_a, cohort=cast.project_a.cohort)
        project = project_for(fellow, cast.project_a.cohort)
        ProjectUpdatePageFactory(parent=project, title=f"Update {n}")
        draft = ProjectUpdatePageFactory(parent=project, title=f"Draft {n}", live=False)
        draft.save_revision(user=fellow.user)
    cast.coach_a.user.__dict__.pop("_fellowship_project_paths", None)

    html = client.get(url).content.decode()
    assert len(coach_table(html, "coach-fellows")) == 12
    assert len(coach_table(html, "coach-drafts")) == 12
    assert count_queries(lambda: client.get(url)) == few
