"""The admin views of a fellow's project and its updates (a Wagtail page viewset
for each of the two page types): Wagtail's own, except what a coach gets.

A coach reads their fellows' pages in the editor, because Wagtail's comments
live there. For them the editor is read-only (cohorts.access.reading), has no
autosave, and its one button, "Save comments", posts their comments once; they
cannot replace the page with an older version. They preview from it like anyone
who edits the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.viewsets.pages import PageViewSet

from .reading import edit_handler_for_reading

COMMENTS_CLOSED = (
    "Comments are closed while this page waits for review by programme staff. "
    "You can comment again once they approve it or send it back for changes."
)


class ProjectEditView(EditView):
    @property
    def reads_as_coach(self):
        return self.page_perms.reads_as_coach

    def get(self, request, *args, **kwargs):
        self.read_only_for_coach()
        if self.reads_as_coach and self.locked_for_user:
            messages.info(request, COMMENTS_CLOSED)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.reads_as_coach and self.expects_json_response:
            # Only "Save comments" posts a coach's comments, so that each is
            # stored (and sent to the fellow) once.
            return self.json_error_response(
                "read_only", "Press “Save comments” to post your comments."
            )
        self.read_only_for_coach()
        return super().post(request, *args, **kwargs)

    def read_only_for_coach(self):
        if self.reads_as_coach:
            self.edit_handler = edit_handler_for_reading(self.page_class)
            self.form_class = self.edit_handler.get_form_class()
            self.autosave_enabled = False

    def save_action(self):
        if self.reads_as_coach and not self.has_content_changes:
            messages.info(self.request, "You have no new comments to save.")
            return redirect(self.get_edit_url())
        return super().save_action()

    def add_save_confirmation_message(self):
        if not self.reads_as_coach:
            return super().add_save_confirmation_message()
        messages.success(
            self.request,
            f"Your comments on '{self.page.get_admin_display_title()}' are saved. "
            "The page itself is unchanged: only its fellow edits it.",
        )
        return None


class ProjectRevisionsRevertView(RevisionsRevertView):
    def get(self, request, *args, **kwargs):
        if self.page_perms.reads_as_coach:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.page_perms.reads_as_coach:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)


class ProjectPreviewOnEditView(PreviewOnEditView):
    # Wagtail first asks the page permission policy whether the user may change
    # pages at all, which a coach may not; get_object then asks the page itself
    # whether they may open it in the editor (can_edit), which is the rule.
    permission_required = None


class ProjectPageViewSet(PageViewSet):
    edit_view_class = ProjectEditView
    revisions_revert_view_class = ProjectRevisionsRevertView
    preview_on_edit_view_class = ProjectPreviewOnEditView
    parent_models = ()  # the listing of a page's children stays Wagtail's own
