from django.core.exceptions import PermissionDenied

from wagtail.snippets.views.snippets import EditView


class FellowEditView(EditView):
    """The Fellow edit view asks the permission policy about the instance, so that
    a fellow reaches their own record (with only its public fields) and nobody
    else's. See cohorts/permissions.py, FellowPermissionPolicy."""

    permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        """Staff go back to the listing; a fellow stays on their record."""
        if self.user_has_permission("change"):
            return super().get_success_url()
        return self.get_edit_url()
