from django.urls import include, path, reverse
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cohorts.models import ProgrammeKPI, ProgrammePage
from cohorts.roles import can_enter_kpi_values, is_programme_staff

from . import views
from .board import board

# Staff define each programme's KPIs (a snippet, with the values they enter
# inline or import from a spreadsheet, cohorts.kpis.views) and see the boards
# on their dashboard; the public sees them on the programme's "How we are
# doing" page (cohorts.models.kpis).


def import_buttons(kpi, user):
    """The link to a KPI's import of values, for an entered KPI and a user who
    may import."""
    if kpi.computed or not can_enter_kpi_values(user):
        return []
    url = reverse("cohorts_kpis:import", args=[kpi.pk])
    return [Button("Import values", url=url, icon_name="upload", priority=30)]


class KPIIndexView(SnippetViewSet.index_view_class):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return [*buttons, *import_buttons(instance, self.request.user)]


class KPIEditView(SnippetViewSet.edit_view_class):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        return [*buttons, *import_buttons(self.object, self.request.user)]


class ProgrammeKPIViewSet(SnippetViewSet):
    model = ProgrammeKPI
    index_view_class = KPIIndexView
    edit_view_class = KPIEditView
    icon = "order"
    menu_label = "Programme KPIs"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "programme", "source", "period"]
    list_filter = ["source", "period"]

    def get_queryset(self, request):
        return ProgrammeKPI.objects.select_related("programme")


register_snippet(ProgrammeKPIViewSet)


class KPIBoardPanel(Component):
    """Each programme's KPI board, as the public sees it, with links to the
    public page and to each KPI's definition."""

    name = "kpi_boards"
    order = 150
    template_name = "cohorts/admin/kpi_board_panel.html"

    def get_context_data(self, parent_context):
        programmes = ProgrammePage.objects.filter(kpis__isnull=False).distinct()
        return {
            "boards": [
                (programme, public_url(programme), board(programme))
                for programme in programmes.order_by("title")
            ],
            "add_url": reverse(ProgrammeKPIViewSet().get_url_name("add")),
        }


def public_url(programme):
    """The programme's public board, or "" while the programme is not live."""
    if not programme.live or not programme.url:
        return ""
    return programme.url + programme.reverse_subpage("how_we_are_doing")


@hooks.register("register_admin_urls")
def register_kpi_import_urls():
    return [path("kpis/", include((views.urlpatterns, "cohorts_kpis")))]


@hooks.register("construct_homepage_panels")
def show_kpi_boards_to_staff(request, panels):
    if is_programme_staff(request.user):
        panels.append(KPIBoardPanel())
