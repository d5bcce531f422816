"""The permission matrix: every role against every action, asserting the status
and the effect of each cell (cohorts/permissions.py holds the rules)."""

import pytest

from django.urls import reverse
from django.utils.html import escape

from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cohorts.access.images import own_collection
from cohorts.models import Fellow, FellowProjectPage, ProjectUpdatePage
from tests.cohorts.roles import ROLES, client_for
from tests.factories import AccreditationStatusFactory, FellowOutcomeFactory

LOGIN = "login"  # anonymous: redirected to the login page, nothing changed
DENIED = (
    "denied"  # refused: redirected to the dashboard with a message, nothing changed
)
IGNORED = "ignored"  # accepted, but the protected change is not made
ALLOWED = "allowed"


def blank_content(model):
    """Empty values for the model's stream fields and inline panels, so that the
    forms below keep working as the page types grow."""
    data = {
        field.name: streamfield([])
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    }
    for relation in get_all_child_relations(model):
        data[relation.get_accessor_name()] = inline_formset([])
    return data


def project_form(project, **changes):
    link = project.project_fellows.get()
    return nested_form_data(
        {
            **blank_content(FellowProjectPage),
            "title": project.title,
            "slug": project.slug,
            "summary": project.summary,
            "aim": project.aim,
            "problem": project.problem,
            "status": project.status,
            "project_fellows": inline_formset(
                [{"id": link.pk, "fellow": link.fellow_id}], initial=1
            ),
            "comments": inline_formset([]),
            **changes,
        }
    )


def update_form(**changes):
    return nested_form_data(
        {
            **blank_content(ProjectUpdatePage),
            "title": "Second PDSA cycle",
            "slug": "second-pdsa",
            "date": "2015-02-01",
            "summary": "Night shift: hourly rounding on two bays.",
            "comments": inline_formset([]),
            **changes,
        }
    )


def fellow_form(fellow, **changes):
    """Every field of the Fellow form, as staff see it."""
    return {
        "name": fellow.name,
        "slug": fellow.slug,
        "profession": fellow.profession,
        "job_title": fellow.job_title,
        "organisation": fellow.organisation_id or "",
        "cohort": fellow.cohort_id or "",
        "coach": fellow.coach_id or "",
        "accreditation_status": fellow.accreditation_status_id or "",
        "accreditation_date": "",
        "photo": "",
        "bio": fellow.bio,
        "public_consent": "on" if fellow.public_consent else "",
        "email": fellow.email,
        "user": fellow.user_id or "",
        **changes,
    }


# Each action returns (response, whether the effect happened).


def view_draft_of_a(client, cast):
    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[cast.draft_a.pk])
    )
    return response, response.status_code == 200 and b"First PDSA cycle" in (
        response.content
    )


def edit_project_of_a(client, cast):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]),
        project_form(cast.project_a, summary="A sharper summary."),
    )
    latest = Page.objects.get(pk=cast.project_a.pk).specific
    return response, latest.get_latest_revision_as_object().summary == (
        "A sharper summary."
    )


def add_update_under_a(client, cast):
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["cohorts", "projectupdatepage", cast.project_a.pk],
        ),
        update_form(),
    )
    return response, ProjectUpdatePage.objects.child_of(cast.project_a).filter(
        slug="second-pdsa"
    ).exists()


def publish_draft_of_a(client, cast):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-publish": "1"}
        ),
    )
    return response, Page.objects.get(pk=cast.draft_a.pk).live


def edit_fellow(fellow_attr):
    def action(client, cast):
        fellow = getattr(cast, fellow_attr)
        response = client.post(
            reverse("wagtailsnippets_cohorts_fellow:edit", args=[fellow.pk]),
            fellow_form(fellow, bio="A new bio.", job_title="Matron"),
        )
        fellow.refresh_from_db()
        return response, fellow.bio == "A new bio." and fellow.job_title == "Matron"

    return action


def change_record_of_a(client, cast):
    awarded = AccreditationStatusFactory(name="Awarded")
    response = client.post(
        reverse("wagtailsnippets_cohorts_fellow:edit", args=[cast.fellow_a.pk]),
        fellow_form(cast.fellow_a, accreditation_status=awarded.pk, public_consent=""),
    )
    fellow = Fellow.objects.get(pk=cast.fellow_a.pk)
    return response, fellow.accreditation_status == awarded or not fellow.public_consent


def open_url(name, *args):
    def action(client, cast):
        response = client.get(reverse(name, args=args))
        return response, response.status_code == 200

    return action


def choose(model, view="choose", query=""):
    """Open a snippet chooser view; the effect is that it lists fellow A or their
    coach."""

    def action(client, cast):
        response = client.get(
            reverse(f"wagtailsnippetchoosers_cohorts_{model}:{view}") + query
        )
        listed = {"fellow": cast.fellow_a.name, "coach": cast.coach_a.name}[model]
        return response, response.status_code == 200 and escape(listed) in (
            response.content.decode()
        )

    return action


def open_outcome_history(client, cast):
    outcome = FellowOutcomeFactory(fellow=cast.fellow_b, title="Poster in Leeds")
    url = reverse("cohorts_fellowoutcome_modeladmin_history", args=[outcome.pk])
    response = client.get(url)
    return response, response.status_code == 200 and b"Poster in Leeds" in (
        response.content
    )


def open_settings(client, cast):
    site = Page.objects.get(pk=cast.project_a.pk).get_site()
    return open_url("wagtailsettings:edit", "home", "sitesettings", site.pk)(
        client, cast
    )


ACTIONS = {
    "view A's draft": view_draft_of_a,
    "edit A's project": edit_project_of_a,
    "add an update under A's project": add_update_under_a,
    "publish A's draft": publish_draft_of_a,
    "edit A's Fellow snippet": edit_fellow("fellow_a"),
    "edit B's Fellow snippet": edit_fellow("fellow_b"),
    "change A's accreditation or consent": change_record_of_a,
    "open the Fellow snippets": open_url("wagtailsnippets_cohorts_fellow:list"),
    "open the Coach snippets": open_url("wagtailsnippets_cohorts_coach:list"),
    "open the users": open_url("wagtailusers_users:index"),
    "open the settings": open_settings,
    "open the workflow report": open_url("wagtailadmin_reports:workflow"),
    "open the modeladmin outcomes": open_url("cohorts_fellowoutcome_modeladmin_index"),
    "open B's outcome history": open_outcome_history,
    "open the Fellow chooser": choose("fellow"),
    "search the Fellow chooser": choose("fellow", "choose_results", "?q=Amara"),
    "open the Coach chooser": choose("coach"),
    "search the Coach chooser": choose("coach", "choose_results", "?q=Helen"),
}

# Columns: anonymous, fellow A, fellow B, coach of A, another coach, staff, superuser.
L, D, I, A = LOGIN, DENIED, IGNORED, ALLOWED  # noqa: E741
MATRIX = {
    "view A's draft": [L, A, D, A, D, A, A],
    "edit A's project": [L, A, D, I, D, A, A],
    "add an update under A's project": [L, A, D, D, D, A, A],
    "publish A's draft": [L, I, D, I, D, A, A],
    "edit A's Fellow snippet": [L, A, D, D, D, A, A],
    "edit B's Fellow snippet": [L, D, A, D, D, A, A],
    "change A's accreditation or consent": [L, I, D, D, D, A, A],
    "open the Fellow snippets": [L, D, D, D, D, A, A],
    "open the Coach snippets": [L, D, D, D, D, A, A],
    "open the users": [L, D, D, D, D, D, A],
    "open the settings": [L, D, D, D, D, D, A],
    # A fellow's report lists their own project's submissions only
    # (test_fellow_pages.py).
    "open the workflow report": [L, A, A, D, D, A, A],
    "open the modeladmin outcomes": [L, D, D, D, D, A, A],
    "open B's outcome history": [L, D, D, D, D, A, A],
    "open the Fellow chooser": [L, D, D, D, D, A, A],
    "search the Fellow chooser": [L, D, D, D, D, A, A],
    "open the Coach chooser": [L, D, D, D, D, A, A],
    "search the Coach chooser": [L, D, D, D, D, A, A],
}
CELLS = [
    (action, role, MATRIX[action][i])
    for action in ACTIONS
    for i, role in enumerate(ROLES)
]


def test_matrix_covers_every_action_and_role():
    assert set(MATRIX) == set(ACTIONS)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


@pytest.mark.parametrize(("action", "role", "expected"), CELLS)
def test_permission_matrix(client, cast, action, role, expected):
    response, happened = ACTIONS[action](client_for(client, cast.user(role)), cast)

    if expected == ALLOWED:
        assert happened
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert "/login/" not in response.url
    else:
        assert not happened
        if expected == LOGIN:
            assert response.status_code == 302
            assert response.url.startswith(reverse("wagtailadmin_login"))
        elif expected == DENIED:
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert response.url == reverse("wagtailadmin_home")
        else:  # IGNORED: the request went through, the protected change did not
            assert response.status_code in (200, 302)
            if response.status_code == 302:
                assert response.url != reverse("wagtailadmin_home")


# Rules the matrix does not show on its own.


def test_fellow_cannot_add_an_update_under_another_project(client, cast):
    client.force_login(cast.fellow_a.user)
    url = reverse(
        "wagtailadmin_pages:add",
        args=["cohorts", "projectupdatepage", cast.project_b.pk],
    )

    response = client.post(url, update_form())

    assert response.url == reverse("wagtailadmin_home")
    assert not ProjectUpdatePage.objects.child_of(cast.project_b).exists()


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("fellowprojectpage", "cohort"),
        ("cohortpage", "programme"),
        ("standardpage", "home"),
    ],
)
def test_fellow_cannot_create_other_page_types(client, cast, model, parent):
    cohort = cast.project_a.get_parent()
    parents = {
        "cohort": cohort,
        "programme": cohort.get_parent(),
        "home": cohort.get_parent().get_parent(),
    }
    app = "home" if model == "standardpage" else "cohorts"
    client.force_login(cast.fellow_a.user)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=[app, model, parents[parent].pk])
    )

    assert response.url == reverse("wagtailadmin_home")


def test_fellow_cannot_add_a_fellow_to_their_project(client, cast):
    client.force_login(cast.fellow_a.user)
    data = project_form(cast.project_a)
    data.update(
        {
            "project_fellows-TOTAL_FORMS": "2",
            "project_fellows-1-fellow": str(cast.fellow_b.pk),
            "project_fellows-1-ORDER": "2",
        }
    )

    client.post(reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]), data)

    project = Page.objects.get(pk=cast.project_a.pk).specific
    linked = [
        link.fellow_id
        for link in project.get_latest_revision_as_object().project_fellows.all()
    ]
    assert linked == [cast.fellow_a.pk]


def test_fellow_can_submit_an_update_but_not_publish_it(client, cast):
    client.force_login(cast.fellow_a.user)

    client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["cohorts", "projectupdatepage", cast.project_a.pk],
        ),
        update_form(**{"action-submit": "1"}),
    )

    update = ProjectUpdatePage.objects.get(slug="second-pdsa")
    assert not update.live
    assert update.workflow_in_progress


def test_coach_comment_is_saved_and_content_is_not(client, cast):
    client.force_login(cast.coach_a.user)
    data = project_form(
        cast.project_a,
        summary="The coach's rewrite.",
        comments=inline_formset(
            [
                {
                    "contentpath": "aim",
                    "text": "Is 30% realistic by March?",
                    "position": "",
                    "resolved": "",
                    "replies": inline_formset([]),
                }
            ]
        ),
    )

    client.post(reverse("wagtailadmin_pages:edit", args=[cast.project_a.pk]), data)

    project = Page.objects.get(pk=cast.project_a.pk).specific
    assert project.get_latest_revision_as_object().summary == cast.project_a.summary
    comment = project.wagtail_admin_comments.get()
    assert (comment.user, comment.text) == (
        cast.coach_a.user,
        "Is 30% realistic by March?",
    )


def test_coach_cannot_submit_their_fellows_draft(client, cast):
    client.force_login(cast.coach_a.user)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[cast.draft_a.pk]),
        update_form(
            title="First PDSA cycle", slug="first-pdsa", **{"action-submit": "1"}
        ),
    )

    assert not Page.objects.get(pk=cast.draft_a.pk).workflow_in_progress


@pytest.mark.parametrize("role", ["fellow A", "coach of A"])
def test_fellows_and_coaches_see_no_one_elses_site_history(client, cast, role):
    PageLogEntry.objects.log_action(
        cast.project_b, "wagtail.edit", user=cast.fellow_b.user
    )
    client.force_login(cast.user(role))

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    assert escape(cast.project_b.title) not in response.content.decode()


def test_staff_see_the_site_history(client, cast):
    PageLogEntry.objects.log_action(
        cast.project_b, "wagtail.edit", user=cast.fellow_b.user
    )
    client.force_login(cast.staff)

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    assert escape(cast.project_b.title) in response.content.decode()


@pytest.mark.parametrize("role", ["fellow A", "coach of A"])
def test_admin_menu_is_empty_for_fellows_and_coaches(client, cast, role):
    own_collection(cast.user(role))  # as after their first upload: they may add images
    client.force_login(cast.user(role))

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    for label in ("Programme records", "Reports", "Images", "Outcomes", "Settings"):
        assert f'"label": "{label}"' not in html
    # Nor the site summary's links to listings they may not open.
    for listing in (
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailadmin_explore_root",
    ):
        assert f'href="{reverse(listing)}"' not in html


def test_fellow_stays_on_their_update_after_submitting(client, cast):
    client.force_login(cast.fellow_a.user)

    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["cohorts", "projectupdatepage", cast.project_a.pk],
        ),
        update_form(**{"action-submit": "1"}),
    )

    update = ProjectUpdatePage.objects.get(slug="second-pdsa")
    assert response.url == reverse("wagtailadmin_pages:edit", args=[update.pk])
