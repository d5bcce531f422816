"""The admin's scope for each role: which records and pages a fellow or coach
may reach through the choosers and the Fellow snippet (cohorts.roles has the
rules themselves)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from cohorts.models import ancestor_paths
from cohorts.roles import is_fellow, project_paths


def choosable_pages(user):
    """The pages the page chooser offers a fellow or coach (a Q on Page): the
    projects they work on or follow with everything under them, and the pages
    above those projects, to browse down to them."""
    own, followed = project_paths(user)
    paths = own + followed
    above = {above for path in paths for above in ancestor_paths(path)}
    choosable = Q(path__in=above)
    for path in paths:
        choosable |= Q(path__startswith=path)
    return choosable


class RecordChooserViewSet(SnippetChooserViewSet):
    """The chooser of a record (Fellow, Coach) lists every one of them, so it is
    for those with a permission on the records: programme staff. Anyone else
    (fellows and coaches, whose forms have no field to choose one with) is
    refused every view of it."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        policy = policy_registry.get_by_type(self.model)

        @wraps(view)
        def checked_view(request, *args, **kwargs):
            if not policy.user_has_any_permission(
                request.user, ["add", "change", "delete", "view"]
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked_view


class FellowPermissionPolicy(ModelPermissionPolicy):
    """Model permissions as usual (programme staff), and a fellow may change their
    own Fellow record. Fellows have no model permission, so the Fellow listing,
    the menu and every other record stay closed to them."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "change" in actions and self.is_own_record(user, instance):
            return True
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if "change" in actions and is_fellow(user):
            instances |= self.model._default_manager.filter(user=user)
        return instances

    @staticmethod
    def is_own_record(user, instance):
        return is_fellow(user) and instance.user_id == user.pk
