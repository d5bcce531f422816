"""Admin pages for a measure's data, linked from each measure in the project's
page editor:

- the data page: every point in an editable table, with blank rows to add more,
  a box to mark a point astronomical and a box to delete one;
- the import: upload a CSV or XLSX file, or paste cells → a preview with a
  message for every row → confirm (cohorts/imports/series_views.py, into a
  MeasureTarget).

Whoever may edit the project page may enter its data (cohorts/roles.py:
programme staff, and the project's own fellows); coaches read the project but
cannot change its data. Whether what they save is approved, and what they may
delete, is PointApproval's rule (cohorts/models/measures.py).

Dates: both pages store a date as the start of its period and refuse a future
date, through ProjectMeasure.normalise_period, and say when a date moved.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.imports.series_views import (
    SeriesConfirmView,
    SeriesImportMixin,
    SeriesImportView,
)
from cohorts.imports.targets import MeasureTarget
from cohorts.models import MeasurePoint, PointApproval, ProjectMeasure, plain_number
from home import pagecache

BLANK_ROWS = 6


class MeasureMixin(WagtailAdminTemplateMixin):
    """Loads the measure from the URL; refuses users who may not enter its data."""

    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.measure = get_object_or_404(
            ProjectMeasure.objects.select_related("project"), pk=kwargs["pk"]
        )
        tester = self.measure.project.permissions_for_user(request.user)
        if not tester.can_edit() or tester.reads_as_coach:
            return permission_denied(request)
        self.approval = PointApproval(request.user, self.measure.project)
        self.target = MeasureTarget(self.measure, self.approval)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Data for {self.measure.name}"

    def get_breadcrumbs_items(self):
        project = self.measure.project
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[project.pk]),
                "label": project.get_admin_display_title(),
            },
            {
                "url": reverse("cohorts_measures:data", args=[self.measure.pk]),
                "label": self.get_page_title(),
            },
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            measure=self.measure,
            approval=self.approval,
            project_edit_url=reverse(
                "wagtailadmin_pages:edit", args=[self.measure.project_id]
            ),
            **kwargs,
        )


class PointForm(forms.ModelForm):
    class Meta:
        model = MeasurePoint
        fields = ["period", "value", "annotation", "astronomical"]
        widgets = {
            "period": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.period_note = ""  # set when the date moved to its period's start
        if self.instance.value is not None:  # 47.8, not the stored 47.800
            self.initial["value"] = plain_number(self.instance.value)

    def clean_value(self):
        """A new or changed value must be one its kind of unit can take; a stored
        one left as it is (entered before the bounds were checked) does not
        stop the page being saved."""
        value = self.cleaned_data["value"]
        if "value" in self.changed_data:
            self.measure.check_value(value)
        return value

    def clean_period(self):
        day = self.cleaned_data["period"]
        period = self.measure.normalise_period(day)
        if period != day:
            self.period_note = self.measure.period_note(day, period)
        return period


class BasePointFormSet(BaseInlineFormSet):
    def __init__(self, *args, approval, **kwargs):
        self.approval = approval
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "measure": self.instance}

    def add_fields(self, form, index):
        """The delete box of a point the user may not delete is disabled: a
        disabled field ignores what is posted."""
        super().add_fields(form, index)
        if not self.approval.may_delete(form.instance):
            form.fields["DELETE"].disabled = True

    def get_unique_error_message(self, unique_check):
        period = self.instance.period_name
        return (
            f"Two rows are for the same {period}: each {period} may appear only once."
        )


PointFormSet = inlineformset_factory(
    ProjectMeasure,
    MeasurePoint,
    form=PointForm,
    formset=BasePointFormSet,
    extra=BLANK_ROWS,
    can_delete=True,
)


class DataView(MeasureMixin, TemplateView):
    """Every point of the measure in one form: edit, add and delete rows."""

    template_name = "cohorts/admin/measure_data.html"

    def get_formset(self, data=None):
        return PointFormSet(
            data,
            instance=self.measure,
            queryset=self.measure.points.order_by("period"),
            approval=self.approval,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(formset=self.get_formset())
        )

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(
                self.get_context_data(formset=formset), status=400
            )
        with transaction.atomic():
            saved = formset.save(commit=False)
            for point in saved:
                self.approval.mark(point)
                point.save()
            for point in formset.deleted_objects:
                point.delete()
            pagecache.invalidate_page(self.measure.project)
        changed, deleted = len(saved), len(formset.deleted_objects)
        for form in formset.forms:
            if form.period_note and form.instance in saved:
                messages.info(request, form.period_note)
        outcome = "" if self.approval.approves or not changed else ", awaiting approval"
        messages.success(
            request,
            f"Data for '{self.measure.name}' saved: {changed} point"
            f"{'s' if changed != 1 else ''} added or changed{outcome}, "
            f"{deleted} deleted.",
        )
        return redirect("cohorts_measures:data", self.measure.pk)


class MeasurePreviewMixin(SeriesImportMixin, MeasureMixin):
    session_key = "cohorts_measure_import"
    confirm_url_name = "cohorts_measures:confirm"
    restart_url_name = "cohorts_measures:import"
    done_url_name = "cohorts_measures:data"

    def get_ready_note(self):
        if self.approval.approves:
            return ""
        return (
            "New and updated points will await approval: they show on the public "
            "project page once programme staff approve the project."
        )


class ImportView(MeasurePreviewMixin, SeriesImportView):
    pass


class ConfirmView(MeasurePreviewMixin, SeriesConfirmView):
    pass


urlpatterns = [
    path("<int:pk>/", DataView.as_view(), name="data"),
    path("<int:pk>/import/", ImportView.as_view(), name="import"),
    path("<int:pk>/import/confirm/", ConfirmView.as_view(), name="confirm"),
]
