from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import (
    AccreditationStatus,
    Coach,
    Fellow,
    FellowOutcome,
    Organisation,
    Theme,
)


# Fellow, Coach and Organisation are searched through the search index (their
# search_fields on the model); the other snippets by their names in the database.


class FellowViewSet(SnippetViewSet):
    model = Fellow
    icon = "user"
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


class CoachViewSet(SnippetViewSet):
    model = Coach
    icon = "group"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    list_export = ["name", "organisation"]
    export_filename = "coaches"

    def get_queryset(self, request):
        return Coach.objects.select_related("organisation")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    list_export = ["name", "kind", "region"]
    export_filename = "organisations"


class AccreditationStatusViewSet(SnippetViewSet):
    model = AccreditationStatus
    icon = "tick-inverse"
    list_display = ["name", "sort_order", "award_complete"]
    list_filter = ["award_complete"]
    list_export = ["name", "sort_order", "award_complete"]
    export_filename = "accreditation-statuses"
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
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
    items = [
        FellowViewSet,
        CoachViewSet,
        OrganisationViewSet,
        AccreditationStatusViewSet,
        ThemeViewSet,
    ]


register_snippet(ProgrammeRecordsGroup)


class FellowOutcomeAdmin(ModelAdmin):
    model = FellowOutcome
    menu_label = "Fellow outcomes"
    menu_icon = "pick"
    list_display = ["title", "fellow", "kind", "date"]
    list_filter = ["kind", "date", "fellow__cohort"]
    search_fields = ["title", "details", "fellow__name"]
    list_export = ["fellow", "kind", "date", "title", "link", "details"]
    export_filename = "fellow-outcomes"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fellow")


class OutcomesGroup(ModelAdminGroup):
    menu_label = "Outcomes"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = [FellowOutcomeAdmin]


modeladmin_register(OutcomesGroup)
