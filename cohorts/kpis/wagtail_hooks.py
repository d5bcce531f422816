from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cohorts.models import ProgrammeKPI, ProgrammePage
from cohorts.roles import is_programme_staff

from .board import board

# Staff define each programme's KPIs (a snippet, with the values they enter
# inline) and see the boards on their dashboard; the public sees them on the
# programme's "How we are doing" page (cohorts.models.kpis).


class ProgrammeKPIViewSet(SnippetViewSet):
    model = ProgrammeKPI
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


@hooks.register("construct_homepage_panels")
def show_kpi_boards_to_staff(request, panels):
    if is_programme_staff(request.user):
        panels.append(KPIBoardPanel())
