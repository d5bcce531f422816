from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cohorts.roles import can_import_records

from . import runs, views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import_records(request.user)


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
            include((views.urlpatterns, "cohorts_import")),
        ),
        path("imports/", include((runs.urlpatterns, "cohorts_import_runs"))),
    ]
