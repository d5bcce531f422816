from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cohorts.roles import can_view_reports

from . import views
from .awaiting import AwaitingApprovalPanel, AwaitingApprovalView


@hooks.register("register_admin_urls")
def register_measure_urls():
    return [
        path("measures/", include((views.urlpatterns, "cohorts_measures"))),
        path(
            "data-awaiting-approval/",
            AwaitingApprovalView.as_view(),
            name="cohorts_awaiting_approval",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_awaiting_approval_menu_item():
    return StaffMenuItem(
        "Data awaiting approval",
        reverse("cohorts_awaiting_approval"),
        name="data-awaiting-approval",
        icon_name="table",
        order=290,
    )


@hooks.register("construct_homepage_panels")
def show_awaiting_approval(request, panels):
    if can_view_reports(request.user):
        panels.append(AwaitingApprovalPanel())
