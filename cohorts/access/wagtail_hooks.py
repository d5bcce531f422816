from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SaveDraftMenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page

from cohorts.models import FellowProjectPage, ProjectUpdatePage
from cohorts.roles import has_narrow_role, is_coach, is_fellow

from .accounts import RECORDS, AccountView
from .dashboard import CoachPanel, FellowPanel
from .pages import ProjectPageViewSet
from .policy import choosable_pages

# Fellows and coaches: their dashboard panel and nothing else competing with it.
# What they may open is decided in cohorts/roles.py; this only tidies the UI.


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


# After Wagtail's own hooks have added their items (pages, images, documents).
@hooks.register("construct_homepage_summary_items", order=100)
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


@hooks.register("register_admin_viewset")
def register_project_page_views():
    return [
        ProjectPageViewSet(f"{model._meta.model_name}_admin", model=model)
        for model in (FellowProjectPage, ProjectUpdatePage)
    ]


class SaveCommentsMenuItem(ActionMenuItem):
    name = "action-save-comments"
    template_name = "cohorts/admin/save_comments_button.html"


@hooks.register("construct_page_action_menu")
def coach_only_saves_comments(menu_items, request, context):
    """A coach's editor is read-only (cohorts/access/pages.py): saving posts
    their comments."""
    tester = context.get("user_page_permissions_tester")
    if getattr(tester, "reads_as_coach", False):
        menu_items[:] = [
            SaveCommentsMenuItem() if isinstance(item, SaveDraftMenuItem) else item
            for item in menu_items
        ]
