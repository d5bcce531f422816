"""The import of a KPI's entered values from a spreadsheet, linked from the KPI
in its admin listing and editor: the same upload → preview → confirm as a
measure's data (cohorts/imports/series_views.py, into a KPITarget). Only
programme staff and administrators may import (cohorts.roles), and only into a
KPI whose source is "Entered by staff"."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.imports.series_views import (
    SeriesConfirmView,
    SeriesImportMixin,
    SeriesImportView,
)
from cohorts.imports.targets import KPITarget
from cohorts.models import ProgrammeKPI
from cohorts.roles import can_enter_kpi_values

EDIT_URL_NAME = "wagtailsnippets_cohorts_programmekpi:edit"


class KPIImportMixin(SeriesImportMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"
    session_key = "cohorts_kpi_import"
    confirm_url_name = "cohorts_kpis:confirm"
    restart_url_name = "cohorts_kpis:import"
    done_url_name = EDIT_URL_NAME

    def dispatch(self, request, *args, **kwargs):
        if not can_enter_kpi_values(request.user):
            return permission_denied(request)
        self.kpi = get_object_or_404(
            ProgrammeKPI, pk=kwargs["pk"], source=ProgrammeKPI.Source.ENTERED
        )
        self.target = KPITarget(self.kpi)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Values for {self.kpi.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_cohorts_programmekpi:list"),
                "label": ProgrammeKPI._meta.verbose_name_plural.capitalize(),
            },
            {
                "url": reverse(EDIT_URL_NAME, args=[self.kpi.pk]),
                "label": str(self.kpi),
            },
            {
                "url": reverse("cohorts_kpis:import", args=[self.kpi.pk]),
                "label": "Import values",
            },
        ]


class ImportView(KPIImportMixin, SeriesImportView):
    pass


class ConfirmView(KPIImportMixin, SeriesConfirmView):
    pass


urlpatterns = [
    path("<int:pk>/import/", ImportView.as_view(), name="import"),
    path("<int:pk>/import/confirm/", ConfirmView.as_view(), name="confirm"),
]
