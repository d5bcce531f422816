"""Data awaiting approval: every measure point that is not yet approved,
grouped by project with its fellows, for programme staff (and a count on their
dashboard). Publishing the project approves its points (PointApproval), so each
project links to its editor, and each measure to its data page.

A fellow may enter data and never submit the project for review; this listing
is how staff find it. Who may open it: cohorts.roles.can_view_reports."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.views.generic import ListView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import FellowProjectFellow, MeasurePoint
from cohorts.roles import can_view_reports


def pending_points():
    return MeasurePoint.objects.pending().select_related("measure__project")


class AwaitingApprovalView(WagtailAdminTemplateMixin, ListView):
    page_title = "Data awaiting approval"
    header_icon = "table"
    template_name = "cohorts/admin/awaiting_approval.html"
    paginate_by = 50
    page_kwarg = "p"  # as Wagtail's pagination links it

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_queryset(self):
        return pending_points().order_by(
            "measure__project__title",
            "measure__project_id",
            "measure__sort_order",
            "measure_id",
            "period",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        points = context["object_list"]
        names = {}
        for project_id, name in (
            FellowProjectFellow.objects.filter(
                project__in={point.measure.project_id for point in points}
            )
            .order_by("sort_order", "pk")
            .values_list("project", "fellow__name")
        ):
            names.setdefault(project_id, []).append(name)
        for point in points:
            point.fellow_names = ", ".join(names.get(point.measure.project_id, []))
        return context


class AwaitingApprovalPanel(Component):
    """On the staff dashboard: how many points in how many projects wait."""

    name = "awaiting_approval"
    order = 50
    template_name = "cohorts/admin/awaiting_approval_panel.html"

    def get_context_data(self, parent_context):
        return pending_points().aggregate(
            points=Count("pk"), projects=Count("measure__project", distinct=True)
        )
