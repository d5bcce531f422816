"""The programme records (Fellow, Coach, Organisation, AccreditationStatus,
Theme) as snippets in one "Programme records" menu group."""

from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cohorts.access.fellows import FellowEditView
from cohorts.access.policy import RecordChooserViewSet
from cohorts.ids import IdFilterSet
from cohorts.models import AccreditationStatus, Coach, Fellow, Organisation, Theme
from cohorts.spreadsheets import FormulaSafeExportMixin

# Fellow, Coach and Organisation are searched through the search index (their
# search_fields on the model); the other snippets by their names in the database.


class FormulaSafeSnippetIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """A snippet listing whose CSV and XLSX exports cannot inject formulas, and
    whose filters reject an id out of the database's range."""

    base_filterset_class = IdFilterSet


class RecordViewSet(SnippetViewSet):
    index_view_class = FormulaSafeSnippetIndexView


class FellowViewSet(RecordViewSet):
    model = Fellow
    icon = "user"
    edit_view_class = FellowEditView
    chooser_viewset_class = RecordChooserViewSet
    list_display = [
        "name",
        "profession",
        "organisation",
        "cohort",
        "accreditation_status",
        "public_consent",
    ]
    list_filter = [
        "profession",
        "cohort",
        "organisation",
        "accreditation_status",
        "public_consent",
    ]
    list_export = [
        "name",
        "slug",
        "profession",
        "job_title",
        "organisation",
        "cohort",
        "coach",
        "accreditation_status",
        "accreditation_date",
        "public_consent",
    ]
    export_filename = "fellows"

    def get_queryset(self, request):
        return Fellow.objects.select_related(
            "organisation", "cohort", "coach", "accreditation_status"
        )


class CoachViewSet(RecordViewSet):
    model = Coach
    icon = "group"
    chooser_viewset_class = RecordChooserViewSet
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    list_export = ["name", "organisation"]
    export_filename = "coaches"

    def get_queryset(self, request):
        return Coach.objects.select_related("organisation")


class OrganisationViewSet(RecordViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    list_export = ["name", "kind", "region"]
    export_filename = "organisations"


class AccreditationStatusViewSet(RecordViewSet):
    model = AccreditationStatus
    icon = "tick-inverse"
    list_display = ["name", "sort_order", "award_complete"]
    list_filter = ["award_complete"]
    list_export = ["name", "sort_order", "award_complete"]
    export_filename = "accreditation-statuses"
    search_fields = ["name"]


class ThemeViewSet(RecordViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "good_practice"]
    list_filter = ["good_practice"]
    list_export = ["name", "slug", "good_practice"]
    export_filename = "themes"
    search_fields = ["name"]


class ProgrammeRecordsGroup(SnippetViewSetGroup):
    menu_label = "Programme records"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    submenu_hook = "register_programme_records_menu_item"
    items = [
        FellowViewSet,
        CoachViewSet,
        OrganisationViewSet,
        AccreditationStatusViewSet,
        ThemeViewSet,
    ]
