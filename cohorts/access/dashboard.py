"""The admin dashboard of fellows and coaches: one panel each, in place of
Wagtail's own panels (see the construct_homepage_panels hook)."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from cohorts.models import (
    Fellow,
    FellowProjectFellow,
    FellowProjectPage,
    ProjectUpdatePage,
)
from cohorts.roles import project_paths


def within(paths):
    """The pages at or under any of these tree paths (a Q on Page)."""
    pages = Q(pk__in=[])
    for path in paths:
        pages |= Q(path__startswith=path)
    return pages


def state(page):
    """Where a page is on its way to the public site, in the fellow's words
    (its workflow states prefetched)."""
    workflow = page.current_workflow_state
    if workflow is not None:
        if workflow.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "Changes requested"
        return "In review"
    if page.live:
        return "Live + draft" if page.has_unpublished_changes else "Live"
    return "Draft"


class FellowPanel(Component):
    """Their project(s) with links to edit and add an update, every page of their
    projects with its state, the state of their last submission, their coach, and
    their own profile."""

    name = "fellow"
    order = 10
    template_name = "cohorts/admin/fellow_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        fellow = Fellow.objects.select_related("coach__organisation").get(user=user)
        own, _ = project_paths(user)
        pages = Page.objects.filter(within(own)).prefetch_workflow_states()
        projects = list(
            FellowProjectPage.objects.filter(path__in=own).order_by("title")
        )
        return {
            "fellow": fellow,
            "projects": projects,
            "submit_label": submit_label(projects[0] if projects else None),
            "pages": [(page, state(page)) for page in pages.order_by("path")],
            "last_submission": last_submission(user),
        }


def submit_label(page):
    """The editor's submit button for the page, in Wagtail's own words
    (SubmitForModerationMenuItem): "Submit to <the page's workflow>", so that
    what the dashboard tells a fellow to press is what the button says."""
    workflow = page.get_workflow() if page else None
    if workflow is None:
        return _("Submit for moderation")
    return _("Submit to %(workflow_name)s") % {"workflow_name": workflow.name}


def last_submission(user):
    """The user's latest workflow submission: the page, its state and, if changes
    were requested, the reviewer and their comment. None if they never submitted."""
    state = (
        WorkflowState.objects.filter(requested_by=user)
        .select_related("current_task_state__finished_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is None:
        return None
    task_state = state.current_task_state
    needs_changes = state.status == WorkflowState.STATUS_NEEDS_CHANGES
    return {
        "page": Page.objects.filter(pk=state.object_id).first(),
        "status": state.get_status_display(),
        "needs_changes": needs_changes,
        "submitted_at": state.created_at,
        "reviewer": task_state.finished_by if task_state else None,
        "comment": task_state.get_comment() if needs_changes and task_state else "",
    }


def latest_update(field):
    """One field of the newest live update of a FellowProjectFellow's project,
    as a subquery."""
    updates = (
        ProjectUpdatePage.objects.live()
        .filter(
            path__startswith=OuterRef("project__path"),
            depth=OuterRef("project__depth") + 1,
        )
        .order_by("-date", "-pk")
    )
    return Subquery(updates.values(field)[:1])


class CoachPanel(Component):
    """Each of their fellows with their project (to read and preview) and its
    latest published update, and the pages of their fellows' projects with
    unpublished changes, each with its fellows' names. A fixed number of
    queries, however many fellows."""

    name = "coach"
    order = 10
    template_name = "cohorts/admin/coach_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        _, followed = project_paths(user)
        links = (
            FellowProjectFellow.objects.select_related("project")
            .annotate(
                latest_update_id=latest_update("pk"),
                latest_update_title=latest_update("title"),
                latest_update_date=latest_update("date"),
            )
            .order_by("sort_order", "pk")
        )
        fellows = (
            Fellow.objects.filter(coach__user=user)
            .prefetch_related(Prefetch("project_links", queryset=links))
            .order_by("name")
        )
        names = {}
        for fellow in fellows:
            for link in fellow.project_links.all():
                names.setdefault(link.project.path, []).append(fellow.name)
        drafts = list(
            Page.objects.filter(within(followed), has_unpublished_changes=True)
            .prefetch_workflow_states()
            .order_by("-latest_revision_created_at")
        )
        for draft in drafts:
            project_path = next(
                path for path in followed if draft.path.startswith(path)
            )
            draft.fellow_names = ", ".join(names.get(project_path, []))
            draft.state = state(draft)
        return {"fellows": fellows, "drafts": drafts}
