"""The programme records (Fellow, Coach, Organisation, AccreditationStatus,
Theme) as snippets in one "Programme records" menu group.

A fellow's cohort is named with its programme (Fellow.cohort_full_title) in
the listing, its filter, its export and the chooser, in the listing's one
query (Fellow.objects.with_cohort_title())."""

from operator import attrgetter

from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cohorts.access.fellows import FellowEditView
from cohorts.access.policy import RecordChooserViewSet
from cohorts.ids import IdChoiceFilter, IdFilterSet
from cohorts.models import (
    AccreditationStatus,
    Coach,
    CohortPage,
    Fellow,
    Organisation,
    Theme,
)
from cohorts.spreadsheets import FormulaSafeExportMixin

COHORT_COLUMN = Column("cohort_full_title", label="Cohort", sort_key="cohort")

# Fellow, Coach and Organisation are searched through the search index (their
# search_fields on the model); the other snippets by their names in the database.


class FormulaSafeSnippetIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """A snippet listing whose CSV and XLSX exports cannot inject formulas, and
    whose filters reject an id out of the database's range."""

    base_filterset_class = IdFilterSet


class RecordViewSet(SnippetViewSet):
    index_view_class = FormulaSafeSnippetIndexView


class FellowFilterSet(IdFilterSet):
    cohort = IdChoiceFilter(
        label="Cohort",
        queryset=CohortPage.objects.with_programme_title().order_by(
            "-start_date", "programme_title"
        ),
        label_from_instance=attrgetter("full_title"),
    )

    class Meta:
        model = Fellow
        fields = [
            "profession",
            "cohort",
            "organisation",
            "accreditation_status",
            "public_consent",
        ]


class FellowChooseView(ChooseView):
    @property
    def columns(self):
        return [*super().columns, COHORT_COLUMN]


class FellowChooseResultsView(ChooseResultsView):
    @property
    def columns(self):
        return [*super().columns, COHORT_COLUMN]


class FellowChooserViewSet(RecordChooserViewSet):
    """Two fellows may share a name: the chooser shows each one's cohort."""

    choose_view_class = FellowChooseView
    choose_results_view_class = FellowChooseResultsView

    def get_object_list(self):
        return Fellow.objects.with_cohort_title()


class FellowViewSet(RecordViewSet):
    model = Fellow
    icon = "user"
    edit_view_class = FellowEditView
    chooser_viewset_class = FellowChooserViewSet
    filterset_class = FellowFilterSet
    list_display = [
        "name",
        "profession",
        "organisation",
        COHORT_COLUMN,
        "accreditation_status",
        "public_consent",
    ]
    list_export = [
        "name",
        "slug",
        "profession",
        "job_title",
        "organisation",
        "cohort_full_title",
        "coach",
        "accreditation_status",
        "accreditation_date",
        "public_consent",
    ]
    export_headings = {"cohort_full_title": "Cohort"}
    export_filename = "fellows"

    def get_queryset(self, request):
        return Fellow.objects.with_cohort_title().select_related(
            "organisation", "coach", "accreditation_status"
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
