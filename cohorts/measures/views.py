"""Admin pages for a measure's data, linked from each measure in the project's
page editor:

- the data page: every point in an editable table, with blank rows to add more,
  a box to mark a point astronomical and a box to delete one;
- the import: upload a CSV or XLSX file, or paste cells → a preview with a
  message for every row → confirm (the flow is cohorts/imports/flow.py's).

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
from django.views.generic import FormView, TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.imports.flow import PreviewMixin
from cohorts.imports.measures import import_points, validate
from cohorts.models import MeasurePoint, PointApproval, ProjectMeasure
from cohorts.spreadsheets import (
    MAX_FILE_SIZE_MB,
    ImportFileError,
    read_pasted,
    read_table,
)
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

    def clean_value(self):
        value = self.cleaned_data["value"]
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


class PointsImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text=(
            "A CSV file saved as UTF-8, or an Excel .xlsx file (first sheet), up "
            f"to {MAX_FILE_SIZE_MB} MB."
        ),
    )
    pasted = forms.CharField(
        label="Or paste the cells",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Copy the columns from your spreadsheet, heading row included, "
        "and paste them here.",
    )

    def clean(self):
        cleaned_data = super().clean()
        upload, pasted = cleaned_data.get("file"), cleaned_data.get("pasted", "")
        if upload and pasted.strip():
            raise forms.ValidationError("Upload a file or paste cells, not both.")
        if not upload and not pasted.strip():
            raise forms.ValidationError("Choose a file to upload, or paste cells.")
        try:
            if upload:
                cleaned_data["table"] = read_table(upload.name, upload)
            else:
                cleaned_data["table"] = read_pasted(pasted)
        except ImportFileError as error:
            self.add_error("file" if upload else "pasted", str(error))
        return cleaned_data


class MeasurePreviewMixin(PreviewMixin, MeasureMixin):
    session_key = "cohorts_measure_import"
    row_headings = ("Date", "Value")
    restart_label = "Import corrected data"
    confirm_url_name = "cohorts_measures:confirm"
    restart_url_name = "cohorts_measures:import"

    def get_url_args(self):
        return [self.measure.pk]

    def get_page_subtitle(self):
        return "Import"

    def get_ready_note(self):
        if self.approval.approves:
            return ""
        return (
            "New and updated points will await approval: they show on the public "
            "project page once programme staff approve the project."
        )


class ImportView(MeasurePreviewMixin, FormView):
    form_class = PointsImportForm
    template_name = "cohorts/admin/measure_import.html"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        table = form.cleaned_data["table"]
        upload = form.cleaned_data["file"]
        try:
            result = validate(self.measure, table)
        except ImportFileError as error:
            form.add_error("file" if upload else "pasted", str(error))
            return self.form_invalid(form)
        source = upload.name if upload else "Pasted cells"
        return self.preview(result, source, table, measure=self.measure.pk)


class ConfirmView(MeasurePreviewMixin, TemplateView):
    """POST only: writes the rows kept by the preview."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        pending = self.take(measure=self.measure.pk)
        if pending is None:
            messages.error(request, "That preview has expired. Import the data again.")
            return redirect("cohorts_measures:import", self.measure.pk)
        try:
            result = import_points(self.measure, pending.table, self.approval)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("cohorts_measures:import", self.measure.pk)
        if not result.written:
            return self.render_preview(result, pending.context["source"])
        pagecache.invalidate_page(self.measure.project)
        messages.success(
            request, f"Imported data for '{self.measure.name}': {result.summary}."
        )
        return redirect("cohorts_measures:data", self.measure.pk)


urlpatterns = [
    path("<int:pk>/", DataView.as_view(), name="data"),
    path("<int:pk>/import/", ImportView.as_view(), name="import"),
    path("<int:pk>/import/confirm/", ConfirmView.as_view(), name="confirm"),
]
