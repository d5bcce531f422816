"""The admin views a fellow or coach may open: a list, and everything else refused.

Wagtail registers some 270 admin views. A fellow or coach needs a few dozen: the
dashboard, the editor of their project with its previews, history and
choosers, their own record, their measures' data and their account settings.
Every other admin view is refused to them before it runs (Wagtail's "Sorry,
you do not have permission" and back to the dashboard), so a view that shows
names or titles before it checks permission, as Wagtail's bulk-action
confirmation pages and its workflow preview do, shows them nothing; and a view
added later stays closed to them until someone adds it here.

The views listed still decide about each object themselves (cohorts.roles),
and tests/cohorts/access/test_admin_url_sweep.py opens every admin URL as a
fellow and as a coach with other people's ids to prove that nothing leaks.
"""

from functools import wraps

from wagtail.admin.auth import permission_denied
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cohorts.roles import has_narrow_role

NARROW_ROLE_VIEWS = frozenset(
    {
        # Signing in and out, and their own account
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_account",
        # The dashboard and what every admin page loads
        "wagtailadmin_home",
        "wagtailadmin_javascript_catalog",
        "wagtail_modeladmin:javascript_catalog",
        "wagtailadmin_sprite",
        "wagtailadmin_dismissibles",
        "wagtailadmin_block_preview",
        # The page editor: their project and its updates
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:history_results",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_pages:workflow_history",
        # Their project's page listing, page search and workflow report, which
        # the page permission policy (cohorts.roles) keeps to their own pages
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:search_results",
        # (served by the formula-safe copy of Wagtail's report: cohorts.spreadsheets)
        "formula_safe:workflow",
        "formula_safe:workflow_results",
        "wagtailadmin_pages:workflow_history_detail",
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        # The editor's choosers
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:create",
        "wagtailimages_chooser:select_format",
        "wagtailembeds:chooser",
        "wagtailembeds:chooser_upload",
        "wagtailsnippetchoosers_cohorts_organisation:choose",
        "wagtailsnippetchoosers_cohorts_organisation:choose_results",
        "wagtailsnippetchoosers_cohorts_organisation:chosen",
        # A fellow's own record and their measures' data
        "wagtailsnippets_cohorts_fellow:edit",
        "cohorts_measures:data",
        "cohorts_measures:import",
        "cohorts_measures:confirm",
        # The page of an import they started (the view refuses anyone else's)
        "cohorts_import_runs:status",
        # Feedback on their cohort's module sessions (fellows only: the view
        # refuses anyone else)
        "cohorts_feedback:give",
    }
)


def narrow_role_scope(view):
    """The view, refused to fellows and coaches unless NARROW_ROLE_VIEWS lists
    it (by its URL's namespaced name)."""

    @wraps(view)
    def scoped_view(request, *args, **kwargs):
        if (
            has_narrow_role(request.user)
            and request.resolver_match.view_name not in NARROW_ROLE_VIEWS
        ):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return scoped_view


def scoped_to_roles(urlpatterns):
    """The admin's URL patterns with every view under narrow_role_scope."""
    return decorate_urlpatterns(urlpatterns, narrow_role_scope)
