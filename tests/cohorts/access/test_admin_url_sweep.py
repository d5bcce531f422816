"""Every admin URL that Wagtail and the site register, opened as a fellow and as
a coach with other people's ids: none of them shows another fellow's name, a
fellow who has not consented, another project's draft, or another person's
image or email address.

Each route is classified below, by hand:
- OPEN_TO_NARROW_ROLES: a fellow or coach may open it (cohorts.access.scope
  lists its view); the view itself must refuse other people's objects. Routes
  with arguments are probed with another fellow's ids (value_for), and every
  route with a query string naming them as well.
- REFUSED_TO_NARROW_ROLES: refused to fellows and coaches whatever the ids:
  back to the dashboard with Wagtail's "Sorry, you do not have permission".
A route that is in neither list fails test_every_admin_route_is_classified,
so a new view (from Wagtail, a package or this site) is looked at before it
ships. After the sweep, none of the other people's objects has changed.
"""

import re
from urllib.parse import urlencode

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupApprovalTask, Page, Revision, Site, UploadedFile
from wagtail_factories import DocumentFactory, ImageFactory

from cohorts.access.images import own_collection
from cohorts.models import Fellow, ImportRun, Theme
from tests.cohorts.roles import build_cast
from tests.factories import (
    FellowFactory,
    FellowOutcomeFactory,
    LearningModuleSessionFactory,
    ProgrammeKPIFactory,
    ProjectMeasureFactory,
    ProjectUpdatePageFactory,
)

# What a fellow or coach of the other fellow must never see.
OTHER_FELLOW = "Ben Cole"
UNCONSENTED_FELLOW = "Cora Quill"
OTHER_DRAFT = "Ward nine discharge draft"
OTHER_IMAGE = "Ben ward photograph"
OTHER_MEASURE = "Night falls per occupied bed"
OTHER_OUTCOME = "Keynote at the patient safety congress"

OPEN_TO_NARROW_ROLES = (
    "admin/account/",
    "admin/",
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",
    "admin/pages/<int:page_id>/edit/",
    "admin/pages/<int:page_id>/edit/preview/",
    "admin/pages/<int:page_id>/view_draft/",
    "admin/pages/<int:parent_page_id>/add_subpage/",
    "admin/pages/<int:page_id>/delete/",
    "admin/pages/<int:page_id>/revisions/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
    r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
    "admin/pages/<int:page_id>/workflow_history/",
    # A fellow's page listing, page search and workflow report: their own
    # project's pages only (the page permission policy in cohorts.roles).
    "admin/pages/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/results/",
    "admin/pages/search/",
    "admin/pages/search/results/",
    "admin/reports/workflow/",
    "admin/reports/workflow/results/",
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
    "admin/pages/<int:page_id>/history/",
    "admin/pages/<int:page_id>/history/results/",
    "admin/choose-page/",
    "admin/choose-page/<int:parent_page_id>/",
    "admin/choose-page/search/",
    "admin/choose-external-link/",
    "admin/choose-email-link/",
    "admin/choose-phone-link/",
    "admin/choose-anchor-link/",
    "admin/logout/",
    "admin/dismissibles/",
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
    "admin/editing-sessions/release/<int:session_id>/",
    "admin/block-preview/",
    "admin/feedback/<int:pk>/",
    "admin/imports/<int:pk>/",
    "admin/measures/<int:pk>/",
    "admin/measures/<int:pk>/import/",
    "admin/measures/<int:pk>/import/confirm/",
    "admin/modeladmin/jsi18n/",
    "admin/embeds/chooser/",
    "admin/embeds/chooser/upload/",
    "admin/snippets/cohorts/fellow/edit/<int:pk>/",
    "admin/snippets/choose/cohorts/organisation/",
    "admin/snippets/choose/cohorts/organisation/results/",
    "admin/snippets/choose/cohorts/organisation/chosen/<str:pk>/",
    "admin/images/chooser/",
    "admin/images/chooser/results/",
    "admin/images/chooser/chosen/<str:pk>/",
    "admin/images/chooser/create/",
    "admin/images/chooser/<int:image_id>/select_format/",
    "admin/sprite/",
    "admin/login/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/confirm/<uidb64>/<token>/",
    "admin/password_reset/complete/",
    "admin/jsi18n/",
)

REFUSED_TO_NARROW_ROLES = (
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
    "admin/collections/",
    "admin/workflows/list/",
    "admin/workflows/list/results/",
    "admin/workflows/tasks/index/",
    "admin/workflows/tasks/index/results/",
    "admin/reports/locked/",
    "admin/reports/locked/results/",
    "admin/reports/workflow_tasks/",
    "admin/reports/workflow_tasks/results/",
    "admin/reports/site-history/",
    "admin/reports/site-history/results/",
    "admin/reports/aging-pages/",
    "admin/reports/aging-pages/results/",
    "admin/reports/page-types-usage/",
    "admin/reports/page-types-usage/results/",
    "admin/redirects/",
    "admin/redirects/results/",
    "admin/documents/",
    "admin/documents/results/",
    "admin/images/",
    "admin/images/results/",
    "admin/sites/",
    "admin/sites/results/",
    "admin/users/",
    "admin/users/results/",
    "admin/groups/",
    "admin/groups/results/",
    "admin/test404/",
    "admin/api/main/^pages/",
    "admin/api/main/^pages/<int:pk>/",
    "admin/api/main/^pages/find/",
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/",
    "admin/api/main/^documents/",
    "admin/api/main/^documents/<int:pk>/",
    "admin/api/main/^documents/find/",
    "admin/api/main/^images/",
    "admin/api/main/^images/<int:pk>/",
    "admin/api/main/^images/find/",
    "admin/failwhale/",
    "admin/sign-in-lockouts/",
    "admin/pages/",
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
    "admin/pages/create/<slug:app_label>/<slug:model_name>",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
    "admin/pages/<int:page_id>/usage/",
    "admin/pages/<int:page_id>/unpublish/",
    "admin/pages/<int:page_id>/convert_alias/",
    "admin/pages/<int:page_to_move_id>/move/",
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
    "admin/pages/<int:page_to_move_id>/set_position/",
    "admin/pages/<int:page_id>/copy/",
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
    "admin/pages/<int:page_id>/privacy/",
    "admin/pages/<int:page_id>/lock/",
    "admin/pages/<int:page_id>/unlock/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
    "admin/choose-page/chosen-multiple/",
    "admin/tag-autocomplete/",
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
    "admin/collections/add/",
    "admin/collections/<int:pk>/",
    "admin/collections/<int:pk>/delete/",
    "admin/collections/<int:collection_id>/privacy/",
    "admin/workflows/add/",
    "admin/workflows/enable/<int:pk>/",
    "admin/workflows/disable/<int:pk>/",
    "admin/workflows/edit/<int:pk>/",
    "admin/workflows/usage/<int:pk>/",
    "admin/workflows/usage/<int:pk>/results/",
    "admin/workflows/remove/<int:page_pk>/",
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/",
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/",
    "admin/workflows/tasks/select_type/",
    "admin/workflows/tasks/edit/<int:pk>/",
    "admin/workflows/tasks/disable/<int:pk>/",
    "admin/workflows/tasks/enable/<int:pk>/",
    "admin/workflows/task_chooser/",
    "admin/workflows/task_chooser/results/",
    "admin/workflows/task_chooser/create/",
    "admin/workflows/task_chooser/<int:task_id>/",
    "admin/accounts/<slug:kind>/<int:pk>/",
    "admin/import-records/",
    "admin/import-records/confirm/",
    "admin/^cohorts/fellowoutcome/$",
    "admin/^cohorts/fellowoutcome/create/$",
    r"admin/^cohorts/fellowoutcome/edit/(?P<instance_pk>[-\w]+)/$",
    r"admin/^cohorts/fellowoutcome/delete/(?P<instance_pk>[-\w]+)/$",
    r"admin/^cohorts/fellowoutcome/history/(?P<instance_pk>[-\w]+)/$",
    "admin/programme-reports/cohort-progress/",
    "admin/programme-reports/cohort-progress/results/",
    "admin/programme-reports/stale-projects/",
    "admin/programme-reports/stale-projects/results/",
    "admin/programme-reports/accreditation-progress/",
    "admin/programme-reports/accreditation-progress/results/",
    "admin/programme-reports/feedback/",
    "admin/data-awaiting-approval/",
    "admin/settings/<slug:app_name>/<slug:model_name>/",
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/",
    "admin/redirects/add/",
    "admin/redirects/<int:redirect_id>/",
    "admin/redirects/<int:redirect_id>/delete/",
    "admin/redirects/import/",
    "admin/redirects/import/process/",
    "admin/snippets/",
    "admin/documents/add/",
    "admin/documents/edit/<int:document_id>/",
    "admin/documents/delete/<int:document_id>/",
    "admin/documents/multiple/add/",
    "admin/documents/multiple/<int:doc_id>/",
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
    "admin/documents/multiple/<int:doc_id>/delete/",
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/",
    "admin/documents/usage/<int:document_id>/",
    "admin/images/<int:image_id>/",
    "admin/images/<int:image_id>/delete/",
    "admin/images/<int:image_id>/generate_url/",
    "admin/images/<int:image_id>/generate_url/output/",
    "admin/images/<int:image_id>/preview/<str:filter_spec>/",
    "admin/images/add/",
    "admin/images/usage/<int:image_id>/",
    "admin/images/multiple/add/",
    "admin/images/multiple/<int:image_id>/",
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
    "admin/images/multiple/<int:image_id>/delete/",
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/",
    "admin/snippets/cohorts/fellow/",
    "admin/snippets/cohorts/fellow/results/",
    "admin/snippets/cohorts/fellow/add/",
    "admin/snippets/cohorts/fellow/delete/<int:pk>/",
    "admin/snippets/cohorts/fellow/usage/<int:pk>/",
    "admin/snippets/cohorts/fellow/history/<int:pk>/",
    "admin/snippets/cohorts/fellow/history-results/<int:pk>/",
    "admin/snippets/cohorts/fellow/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/fellow/",
    "admin/snippets/choose/cohorts/fellow/results/",
    "admin/snippets/choose/cohorts/fellow/chosen/<str:pk>/",
    "admin/snippets/choose/cohorts/fellow/chosen-multiple/",
    "admin/snippets/choose/cohorts/fellow/create/",
    "admin/snippets/cohorts/coach/",
    "admin/snippets/cohorts/coach/results/",
    "admin/snippets/cohorts/coach/add/",
    "admin/snippets/cohorts/coach/edit/<int:pk>/",
    "admin/snippets/cohorts/coach/delete/<int:pk>/",
    "admin/snippets/cohorts/coach/usage/<int:pk>/",
    "admin/snippets/cohorts/coach/history/<int:pk>/",
    "admin/snippets/cohorts/coach/history-results/<int:pk>/",
    "admin/snippets/cohorts/coach/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/coach/",
    "admin/snippets/choose/cohorts/coach/results/",
    "admin/snippets/choose/cohorts/coach/chosen/<str:pk>/",
    "admin/snippets/choose/cohorts/coach/chosen-multiple/",
    "admin/snippets/choose/cohorts/coach/create/",
    "admin/snippets/cohorts/organisation/",
    "admin/snippets/cohorts/organisation/results/",
    "admin/snippets/cohorts/organisation/add/",
    "admin/snippets/cohorts/organisation/edit/<int:pk>/",
    "admin/snippets/cohorts/organisation/delete/<int:pk>/",
    "admin/snippets/cohorts/organisation/usage/<int:pk>/",
    "admin/snippets/cohorts/organisation/history/<int:pk>/",
    "admin/snippets/cohorts/organisation/history-results/<int:pk>/",
    "admin/snippets/cohorts/organisation/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/organisation/chosen-multiple/",
    "admin/snippets/choose/cohorts/organisation/create/",
    "admin/snippets/cohorts/accreditationstatus/",
    "admin/snippets/cohorts/accreditationstatus/results/",
    "admin/snippets/cohorts/accreditationstatus/add/",
    "admin/snippets/cohorts/accreditationstatus/edit/<int:pk>/",
    "admin/snippets/cohorts/accreditationstatus/delete/<int:pk>/",
    "admin/snippets/cohorts/accreditationstatus/usage/<int:pk>/",
    "admin/snippets/cohorts/accreditationstatus/history/<int:pk>/",
    "admin/snippets/cohorts/accreditationstatus/history-results/<int:pk>/",
    "admin/snippets/cohorts/accreditationstatus/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/accreditationstatus/",
    "admin/snippets/choose/cohorts/accreditationstatus/results/",
    "admin/snippets/choose/cohorts/accreditationstatus/chosen/<str:pk>/",
    "admin/snippets/choose/cohorts/accreditationstatus/chosen-multiple/",
    "admin/snippets/choose/cohorts/accreditationstatus/create/",
    "admin/snippets/cohorts/theme/",
    "admin/snippets/cohorts/theme/results/",
    "admin/snippets/cohorts/theme/add/",
    "admin/snippets/cohorts/theme/edit/<int:pk>/",
    "admin/snippets/cohorts/theme/delete/<int:pk>/",
    "admin/snippets/cohorts/theme/usage/<int:pk>/",
    "admin/snippets/cohorts/theme/history/<int:pk>/",
    "admin/snippets/cohorts/theme/history-results/<int:pk>/",
    "admin/snippets/cohorts/theme/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/theme/",
    "admin/snippets/choose/cohorts/theme/results/",
    "admin/snippets/choose/cohorts/theme/chosen/<str:pk>/",
    "admin/snippets/choose/cohorts/theme/chosen-multiple/",
    "admin/snippets/choose/cohorts/theme/create/",
    "admin/kpis/<int:pk>/import/",
    "admin/kpis/<int:pk>/import/confirm/",
    "admin/snippets/cohorts/programmekpi/",
    "admin/snippets/cohorts/programmekpi/results/",
    "admin/snippets/cohorts/programmekpi/add/",
    "admin/snippets/cohorts/programmekpi/edit/<int:pk>/",
    "admin/snippets/cohorts/programmekpi/delete/<int:pk>/",
    "admin/snippets/cohorts/programmekpi/usage/<int:pk>/",
    "admin/snippets/cohorts/programmekpi/history/<int:pk>/",
    "admin/snippets/cohorts/programmekpi/history-results/<int:pk>/",
    "admin/snippets/cohorts/programmekpi/copy/<int:pk>/",
    "admin/snippets/choose/cohorts/programmekpi/",
    "admin/snippets/choose/cohorts/programmekpi/results/",
    "admin/snippets/choose/cohorts/programmekpi/chosen/<str:pk>/",
    "admin/snippets/choose/cohorts/programmekpi/chosen-multiple/",
    "admin/snippets/choose/cohorts/programmekpi/create/",
    "admin/sites/new/",
    "admin/sites/edit/<int:pk>/",
    "admin/sites/delete/<int:pk>/",
    "admin/sites/history/<int:pk>/",
    "admin/sites/history-results/<int:pk>/",
    "admin/sites/usage/<int:pk>/",
    "admin/sites/copy/<int:pk>/",
    "admin/users/new/",
    "admin/users/edit/<int:pk>/",
    "admin/users/delete/<int:pk>/",
    "admin/users/history/<int:pk>/",
    "admin/users/history-results/<int:pk>/",
    "admin/users/usage/<int:pk>/",
    "admin/users/copy/<int:pk>/",
    "admin/groups/new/",
    "admin/groups/edit/<int:pk>/",
    "admin/groups/delete/<int:pk>/",
    "admin/groups/history/<int:pk>/",
    "admin/groups/history-results/<int:pk>/",
    "admin/groups/usage/<int:pk>/",
    "admin/documents/chooser/",
    "admin/documents/chooser/results/",
    "admin/documents/chooser/chosen/<str:pk>/",
    "admin/documents/chooser/chosen-multiple/",
    "admin/documents/chooser/create/",
    "admin/images/chooser/chosen-multiple/",
    "admin/^.*/$",
)


def admin_routes(patterns=None, prefix="", namespace=""):
    """(route, view name) of every URL pattern under /admin/, in resolving order;
    a route that two patterns share (cohorts.spreadsheets answers some of
    Wagtail's in their place) only for the first."""
    seen = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            for found in admin_routes(pattern.url_patterns, route, inner):
                if found[0] not in seen:
                    seen.add(found[0])
                    yield found
        elif route.startswith("admin/") and route not in seen:
            seen.add(route)
            yield route, f"{namespace}{pattern.name or ''}"


def test_every_admin_route_is_classified():
    routes = {route for route, _ in admin_routes()}
    classified = set(OPEN_TO_NARROW_ROLES) | set(REFUSED_TO_NARROW_ROLES)

    assert not set(OPEN_TO_NARROW_ROLES) & set(REFUSED_TO_NARROW_ROLES)
    assert sorted(routes - classified) == [], "classify these new admin routes"
    assert sorted(classified - routes) == [], "these routes no longer exist"


@pytest.fixture
def world(db):
    """The cast (fellows A and B, their coaches, staff), plus B's submitted
    draft, image, measure, outcome, editing session, upload and import, a
    fellow who has not consented, a document and a redirect: the ids the sweep
    fills in."""
    cast = build_cast()
    fellow_b = cast.fellow_b.user
    cast.draft_b = ProjectUpdatePageFactory(
        parent=cast.project_b, title=OTHER_DRAFT, slug="ward-nine", live=False
    )
    cast.draft_b.save_revision(user=fellow_b)
    cast.workflow_state = cast.draft_b.get_workflow().start(cast.draft_b, fellow_b)
    cast.unconsented = FellowFactory(
        name=UNCONSENTED_FELLOW,
        public_consent=False,
        cohort=cast.fellow_b.cohort,
        coach=cast.coach_b,
    )
    cast.image_b = ImageFactory(
        title=OTHER_IMAGE,
        file=get_test_image_file(),
        collection=own_collection(fellow_b),
        uploaded_by_user=fellow_b,
    )
    cast.measure_b = ProjectMeasureFactory(project=cast.project_b, name=OTHER_MEASURE)
    cast.outcome_b = FellowOutcomeFactory(fellow=cast.fellow_b, title=OTHER_OUTCOME)
    cast.session_b = EditingSession.objects.create(
        user=fellow_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(cast.draft_b.pk),
        last_seen_at=timezone.now(),
    )
    cast.upload_b = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(Image),
        file=ContentFile(b"not an image", name="ward.txt"),
        uploaded_by_user=fellow_b,
    )
    cast.document = DocumentFactory(title=f"Minutes naming {UNCONSENTED_FELLOW}")
    cast.spare_task = GroupApprovalTask.objects.create(name="Spare review")
    cast.other_session = LearningModuleSessionFactory()  # another cohort's
    cast.kpi = ProgrammeKPIFactory()
    cast.run_b = ImportRun.objects.create(
        user=fellow_b,
        kind="measure",
        target_id=cast.measure_b.pk,
        title=f"Data for {OTHER_MEASURE}",
        source="ben.csv",
        rows_total=1,
        done_url=f"/admin/measures/{cast.measure_b.pk}/",
        restart_url=f"/admin/measures/{cast.measure_b.pk}/import/",
    )
    cast.redirect = Redirect.objects.create(
        old_path="/ward-nine", redirect_page=cast.draft_b
    )
    return cast


def value_for(name, view_name, world):
    """The value the sweep puts in a route's argument `name`: another fellow's
    object wherever the view is about one."""
    namespace = view_name.rpartition(":")[0]
    snippets = {
        "fellow": world.unconsented,
        "coach": world.coach_b,
        "organisation": world.fellow_b.organisation,
        "accreditationstatus": world.fellow_a.accreditation_status,
        "theme": Theme.objects.first(),
        "programmekpi": world.kpi,
    }
    pk_of = {
        "wagtailadmin_api:pages": world.draft_b,
        "wagtailadmin_api:images": world.image_b,
        "wagtailadmin_api:documents": world.document,
        "wagtailadmin_pages": world.draft_b,
        "wagtailadmin_collections": world.image_b.collection,
        "wagtailadmin_workflows": world.workflow_state.workflow,
        "wagtailsites": Site.objects.get(),
        "wagtailusers_users": world.fellow_b.user,
        "wagtailusers_groups": world.fellow_b.user.groups.get(),
        "wagtaildocs_chooser": world.document,
        "wagtailimages_chooser": world.image_b,
        "cohorts_measures": world.measure_b,
        "cohorts_feedback": world.other_session,
        "cohorts_import_runs": world.run_b,
        "cohorts_kpis": world.kpi,
        "wagtailsettings": Site.objects.get(),
        "": world.fellow_b,  # cohorts_account
    }
    if namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
        pk_of[namespace] = snippets[namespace.rpartition("_")[2]]
    if view_name.endswith(("_task", ":task_chosen")):
        pk_of[namespace] = world.workflow_state.current_task_state.task
    task_state = world.workflow_state.current_task_state
    values = {
        "page_id": world.draft_b.pk,
        "page_to_move_id": world.draft_b.pk,
        "page_pk": world.draft_b.pk,
        "parent_page_id": world.project_b.pk,
        "destination_id": world.project_a.pk,
        "revision_id": world.draft_b.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "workflow_state_id": world.workflow_state.pk,
        "workflow_pk": world.workflow_state.workflow_id,
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "action_name": "approve",
        "content_type_app_name": "cohorts",
        "content_type_model_name": "projectupdatepage",
        "object_id": world.draft_b.pk,
        "session_id": world.session_b.pk,
        "collection_id": world.image_b.collection_id,
        "image_id": world.image_b.pk,
        "document_id": world.document.pk,
        "doc_id": world.document.pk,
        "uploaded_file_id": world.upload_b.pk,
        "redirect_id": world.redirect.pk,
        "instance_pk": world.outcome_b.pk,
        "kind": "fellow",
        "filter_spec": "original",
        "uidb64": urlsafe_base64_encode(force_bytes(world.fellow_b.user.pk)),
        "token": "set-password",
        "action": "delete",
    }
    by_view = {
        "wagtailadmin_editing_sessions:ping": {
            "app_label": "wagtailcore",
            "model_name": "page",
        },
        "wagtailadmin_pages:choose_parent": {
            "app_label": "cohorts",
            "model_name": "projectupdatepage",
        },
        "wagtailadmin_workflows:add_task": {
            "app_label": "wagtailcore",
            "model_name": "groupapprovaltask",
        },
        "wagtailadmin_tag_model_autocomplete": {
            "app_name": "wagtailimages",
            "model_name": "image",
        },
        "wagtailsettings": {"app_name": "home", "model_name": "sitesettings"},
        # A task the draft is not at: Wagtail's message then names the draft.
        "wagtailadmin_pages:workflow_preview": {"task_id": world.spare_task.pk},
    }
    named = by_view.get(view_name) or by_view.get(namespace, {})
    if name in named:
        return named[name]
    if name == "pk":
        return pk_of[namespace].pk
    return values[name]


def fill(route, view_name, world):
    """The URL of a route, its arguments filled in by value_for."""

    def value(match):
        return str(value_for(match["name"], view_name, world))

    url = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)
    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, url)
    return "/" + url.replace("^", "").replace("$", "").replace("\\.", ".")


def bulk_action_urls(world):
    """Every registered bulk action, on every object of its model."""
    bulk_action_registry._scan_for_bulk_actions()
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            model = ContentType.objects.get_by_natural_key(
                app_label, model_name
            ).model_class()
            ids = [("id", pk) for pk in model.objects.values_list("pk", flat=True)]
            for action in actions:
                yield f"/admin/bulk/{app_label}/{model_name}/{action}/?{urlencode(ids)}"


def probes(world):
    """(route, url) pairs: each admin route once with its arguments filled in;
    the bulk actions once per action and model; the open routes again with a
    query string that names other people's objects and searches for them."""
    naming = urlencode(
        [
            ("q", "Ben ward Cora"),
            ("id", world.draft_b.pk),
            ("id", world.image_b.pk),
            ("id", world.unconsented.pk),
            ("parent_page_id", world.project_b.pk),
            ("page_type", "cohorts.projectupdatepage"),
        ]
    )
    for route, view_name in admin_routes():
        if route.startswith("admin/bulk/"):
            yield from ((route, url) for url in bulk_action_urls(world))
            continue
        url = fill(route, view_name, world)
        yield route, url
        if route in OPEN_TO_NARROW_ROLES:
            yield route, f"{url}?{naming}"


def secrets(world):
    return [
        OTHER_FELLOW,
        UNCONSENTED_FELLOW,
        OTHER_DRAFT,
        OTHER_IMAGE,
        OTHER_MEASURE,
        OTHER_OUTCOME,
        world.fellow_b.user.email,
        world.coach_b.user.email,
    ]


def everything_shown(response):
    """The body, the redirect's address and the messages queued for the next
    page: what the user could read from this response."""
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    messages = [str(m) for m in getattr(response.wsgi_request, "_messages", [])]
    return "\n".join(
        [body.decode(errors="replace"), response.get("Location", ""), *messages]
    )


def snapshot(world):
    """The other people's things that the sweep must leave as they were."""
    users = [world.fellow_b.user, world.coach_b.user, world.staff, world.superuser]
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live")),
        "revisions": Revision.objects.count(),
        "fellows": list(Fellow.objects.order_by("pk").values()),
        "images": list(Image.objects.order_by("pk").values_list("pk", "title")),
        "users": [
            (
                u.pk,
                u.email,
                u.is_active,
                sorted(u.groups.values_list("name", flat=True)),
            )
            for u in type(world.staff).objects.filter(pk__in=[u.pk for u in users])
        ],
        "sessions": EditingSession.objects.count(),
        "redirects": Redirect.objects.count(),
    }


@pytest.mark.parametrize("role", ["fellow_a", "coach_a"])
def test_no_admin_url_shows_a_fellow_or_coach_what_they_may_not_see(
    client, world, role
):
    user = getattr(world, role).user
    client.force_login(user)
    client.raise_request_exception = False
    before = snapshot(world)
    home = reverse("wagtailadmin_home")
    leaks, not_refused, errors = [], [], []

    for route, url in probes(world):
        for method in (client.get, client.post):
            response = method(url)
            shown = everything_shown(response)
            client.cookies.pop("messages", None)
            if "_auth_user_id" not in client.session:  # /admin/logout/ signs out
                client.force_login(user)
            probe = f"{method.__name__.upper()} {url}"
            leaks += [(probe, s) for s in secrets(world) if s in shown]
            if response.status_code >= 500:
                errors.append((probe, response.status_code))
            if route in REFUSED_TO_NARROW_ROLES and not (
                response.status_code == 302 and response["Location"] == home
            ):
                not_refused.append((probe, response.status_code))

    assert leaks == []
    assert not_refused == []
    assert errors == []
    assert snapshot(world) == before


def test_the_sweep_sees_what_a_leak_would_show(client, world):
    """The probes reach the secrets: staff, who may, see them."""
    client.force_login(world.staff)

    shown = "\n".join(
        everything_shown(client.get(url))
        for url in bulk_action_urls(world)
        if "/cohorts/fellow/delete/" in url
    )

    assert UNCONSENTED_FELLOW in shown
    assert OTHER_FELLOW in shown
