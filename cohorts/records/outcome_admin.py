"""Fellow outcome records (presentations, promotions, spread...) in
wagtail-modeladmin: plain records, not content, with filters and export."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect

from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import HistoryView as ModelAdminHistoryView
from wagtail_modeladmin.views import IndexView as ModelAdminIndexView

from cohorts.ids import is_huge
from cohorts.models import CohortPage, FellowOutcome
from cohorts.spreadsheets import FormulaSafeExportMixin


class FormulaSafeModelAdminIndexView(FormulaSafeExportMixin, ModelAdminIndexView):
    """A modeladmin listing whose CSV and XLSX exports cannot inject formulas.
    A filter it cannot apply (such as ``?date__gte=notadate``) sends the user
    back to the whole list with a message, as Django's admin does."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(
                request, "We could not apply that filter, so here is the whole list."
            )
            return redirect(self.index_url)

    def get_queryset(self, request=None):
        # Django checks a lookup's value when it builds the query, but neither
        # the range of an id through a page's page_ptr nor a NUL byte (in a
        # filter or the search): the database would fail on them.
        if any(
            "\x00" in value or (name not in self.IGNORED_PARAMS and is_huge(value))
            for name, values in self.params.lists()
            for value in values
        ):
            raise IncorrectLookupParameters("A number beyond any id, or a NUL byte.")
        return super().get_queryset(request)


class CohortListFilter(SimpleListFilter):
    """The fellow's cohort, each named with its programme (full_title). A
    value that is not one of them is refused like any bad filter."""

    title = "cohort"
    parameter_name = "cohort"

    def lookups(self, request, model_admin):
        cohorts = CohortPage.objects.with_programme_title().order_by(
            "-start_date", "programme_title"
        )
        return [(str(cohort.pk), cohort.full_title) for cohort in cohorts]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in dict(self.lookup_choices):
            raise IncorrectLookupParameters(f"No cohort {value}.")
        return queryset.filter(fellow__cohort=value)


class PermissionCheckedHistoryView(ModelAdminHistoryView):
    """wagtail-modeladmin's history view checks no permission: it needs the
    listing's, like the other views of a record."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class FellowOutcomeAdmin(ModelAdmin):
    model = FellowOutcome
    index_view_class = FormulaSafeModelAdminIndexView
    history_view_class = PermissionCheckedHistoryView
    menu_label = "Fellow outcomes"
    menu_icon = "pick"
    list_display = ["title", "fellow", "kind", "date"]
    list_filter = ["kind", "date", CohortListFilter]
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
