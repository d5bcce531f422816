from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import HistoryView as ModelAdminHistoryView
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from . import import_views, measure_views, reports
from .dashboard import CoachPanel, FellowPanel
from .ids import IdFilterSet, is_huge
from .models import (
    AccreditationStatus,
    Coach,
    Fellow,
    FellowOutcome,
    Organisation,
    Theme,
)
from .permissions import (
    FellowPermissionPolicy,
    RecordChooserViewSet,
    choosable_pages,
    has_narrow_role,
    is_coach,
    is_fellow,
)
from .spreadsheets import FormulaSafeExportMixin
from .views.accounts import RECORDS, AccountView
from .views.fellows import FellowEditView

# Before the viewsets below look the policy up.
register_permission_policy(Fellow, FellowPermissionPolicy(Fellow))

# Fellow, Coach and Organisation are searched through the search index (their
# search_fields on the model); the other snippets by their names in the database.


class FormulaSafeSnippetIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """A snippet listing whose CSV and XLSX exports cannot inject formulas, and
    whose filters reject an id out of the database's range."""

    base_filterset_class = IdFilterSet


class RecordViewSet(SnippetViewSet):
    index_view_class = FormulaSafeSnippetIndexView


class FellowViewSet(RecordViewSet):
    model = Fellow
    icon = "user"
    edit_view_class = FellowEditView
    chooser_viewset_class = RecordChooserViewSet
    list_display = [
        "name",
        "profession",
        "organisation",
        "cohort",
        "accreditation_status",
        "public_consent",
    ]
    list_filter = [
        "profession",
        "cohort",
        "organisation",
        "accreditation_status",
        "public_consent",
    ]
    list_export = [
        "name",
        "slug",
        "profession",
        "job_title",
        "organisation",
        "cohort",
        "coach",
        "accreditation_status",
        "accreditation_date",
        "public_consent",
    ]
    export_filename = "fellows"

    def get_queryset(self, request):
        return Fellow.objects.select_related(
            "organisation", "cohort", "coach", "accreditation_status"
        )


class CoachViewSet(RecordViewSet):
    model = Coach
    icon = "group"
    chooser_viewset_class = RecordChooserViewSet
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    list_export = ["name", "organisation"]
    export_filename = "coaches"

    def get_queryset(self, request):
        return Coach.objects.select_related("organisation")


class OrganisationViewSet(RecordViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    list_export = ["name", "kind", "region"]
    export_filename = "organisations"


class AccreditationStatusViewSet(RecordViewSet):
    model = AccreditationStatus
    icon = "tick-inverse"
    list_display = ["name", "sort_order", "award_complete"]
    list_filter = ["award_complete"]
    list_export = ["name", "sort_order", "award_complete"]
    export_filename = "accreditation-statuses"
    search_fields = ["name"]


class ThemeViewSet(RecordViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "good_practice"]
    list_filter = ["good_practice"]
    list_export = ["name", "slug", "good_practice"]
    export_filename = "themes"
    search_fields = ["name"]


class ProgrammeRecordsGroup(SnippetViewSetGroup):
    menu_label = "Programme records"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    submenu_hook = "register_programme_records_menu_item"
    items = [
        FellowViewSet,
        CoachViewSet,
        OrganisationViewSet,
        AccreditationStatusViewSet,
        ThemeViewSet,
    ]


register_snippet(ProgrammeRecordsGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(import_views.PERMISSION)


@hooks.register("register_programme_records_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import records",
        reverse("cohorts_import:upload"),
        icon_name="upload",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "import-records/",
            include((import_views.urlpatterns, "cohorts_import")),
        )
    ]


@hooks.register("register_admin_urls")
def register_measure_urls():
    return [path("measures/", include((measure_views.urlpatterns, "cohorts_measures")))]


class FormulaSafeModelAdminIndexView(FormulaSafeExportMixin, ModelAdminIndexView):
    """A modeladmin listing whose CSV and XLSX exports cannot inject formulas.
    A filter it cannot apply (such as ``?date__gte=notadate``) sends the user
    back to the whole list with a message, as Django's admin does."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(
                request, "We could not apply that filter, so here is the whole list."
            )
            return redirect(self.index_url)

    def get_queryset(self, request=None):
        # Django checks a lookup's value when it builds the query, but neither
        # the range of an id through a page's page_ptr nor a NUL byte (in a
        # filter or the search): the database would fail on them.
        if any(
            "\x00" in value or (name not in self.IGNORED_PARAMS and is_huge(value))
            for name, values in self.params.lists()
            for value in values
        ):
            raise IncorrectLookupParameters("A number beyond any id, or a NUL byte.")
        return super().get_queryset(request)


class PermissionCheckedHistoryView(ModelAdminHistoryView):
    """wagtail-modeladmin's history view checks no permission: it needs the
    listing's, like the other views of a record."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class FellowOutcomeAdmin(ModelAdmin):
    model = FellowOutcome
    index_view_class = FormulaSafeModelAdminIndexView
    history_view_class = PermissionCheckedHistoryView
    menu_label = "Fellow outcomes"
    menu_icon = "pick"
    list_display = ["title", "fellow", "kind", "date"]
    list_filter = ["kind", "date", "fellow__cohort"]
    search_fields = ["title", "details", "fellow__name"]
    list_export = ["fellow", "kind", "date", "title", "link", "details"]
    export_filename = "fellow-outcomes"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fellow")


class OutcomesGroup(ModelAdminGroup):
    menu_label = "Outcomes"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = [FellowOutcomeAdmin]


modeladmin_register(OutcomesGroup)


# Staff reports (cohorts/reports.py), in the Reports menu for programme staff.


@hooks.register("register_admin_urls")
def register_report_urls():
    return [url for report in reports.REPORTS for url in report.urls()]


for report in reports.REPORTS:
    hooks.register("register_reports_menu_item", report.menu_item)


# Fellows and coaches: their dashboard panel and nothing else competing with it.
# What they may open is decided in cohorts/permissions.py; this only tidies the UI.


@hooks.register("construct_homepage_panels")
def show_role_panels(request, panels):
    user = request.user
    if has_narrow_role(user):
        panels[:] = [
            *([FellowPanel()] if is_fellow(user) else []),
            *([CoachPanel()] if is_coach(user) else []),
        ]


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_for_roles(pages, request):
    """A fellow or coach chooses among their own pages (choosable_pages). A browse
    also shows the page browsed, so they may browse only a choosable one; and not
    by page type from the top, which Wagtail opens at the page above every page
    of the type, possibly someone else's project."""
    user = request.user
    if not has_narrow_role(user):
        return pages
    choosable = choosable_pages(user)
    match = request.resolver_match
    if match.url_name == "wagtailadmin_choose_page_child":
        parent = match.kwargs["parent_page_id"]
        if not Page.objects.filter(choosable, pk=parent).exists():
            raise PermissionDenied
    elif match.url_name == "wagtailadmin_choose_page" and request.GET.get("page_type"):
        raise PermissionDenied
    return pages.filter(choosable)


@hooks.register("construct_homepage_summary_items")
def hide_summary_from_roles(request, summary_items):
    if has_narrow_role(request.user):
        summary_items[:] = []


@hooks.register("construct_main_menu")
def hide_menu_from_roles(request, menu_items):
    if has_narrow_role(request.user):
        menu_items[:] = []


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path(
            "accounts/<slug:kind>/<int:pk>/",
            AccountView.as_view(),
            name="cohorts_account",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def account_listing_button(snippet, user, next_url=None):
    kind = snippet._meta.model_name
    model, permission, _ = RECORDS.get(kind, (None, None, None))
    if type(snippet) is not model or not user.has_perm(permission):
        return []
    return [
        ListingButton(
            "Account",
            reverse("cohorts_account", args=[kind, snippet.pk]),
            icon_name="user",
            priority=30,
        )
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def keep_roles_on_the_page(request, page):
    """Wagtail returns editors to the page explorer, which fellows and coaches do
    not have: keep them on the page they are working on."""
    if has_narrow_role(request.user):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
