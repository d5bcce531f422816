"""The admin import of a series of dated values (series.py), for any target
(targets.py): upload a CSV or XLSX file, or paste cells → a preview with a
message for every row → confirm (the flow is flow.py's).

A feature package subclasses SeriesImportMixin with the views' URL names, and
in ``dispatch`` loads what the values belong to, refuses a user who may not
enter them and sets ``self.target``; then SeriesImportView and
SeriesConfirmView are its upload and confirm pages (cohorts/measures/views.py,
cohorts/kpis/views.py).
"""

from django import forms
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from cohorts.spreadsheets import (
    MAX_FILE_SIZE_MB,
    ImportFileError,
    read_pasted,
    read_table,
)

from .flow import PreviewMixin
from .series import validate


class ValuesImportForm(forms.Form):
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


class SeriesImportMixin(PreviewMixin):
    """Set ``session_key``, the URL names ``restart_url_name`` (the upload
    page), ``confirm_url_name`` and ``done_url_name`` (where a confirmed
    import goes: the series' data), and ``self.target`` in ``dispatch``. Each
    URL takes the series' pk."""

    restart_label = "Import corrected data"
    done_url_name = ""
    template_name = "cohorts/admin/series_import.html"

    def get_url_args(self):
        return [self.target.series.pk]

    def get_page_subtitle(self):
        return "Import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.target.series, **kwargs)


class SeriesImportView(FormView):
    """The upload page, then the preview. Mixed in after a SeriesImportMixin."""

    form_class = ValuesImportForm

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        table = form.cleaned_data["table"]
        upload = form.cleaned_data["file"]
        try:
            result = validate(self.target, table)
        except ImportFileError as error:
            form.add_error("file" if upload else "pasted", str(error))
            return self.form_invalid(form)
        source = upload.name if upload else "Pasted cells"
        return self.preview(result, source, table, series=self.target.series.pk)


class SeriesConfirmView(TemplateView):
    """POST only: starts the import of the rows kept by the preview. Mixed in
    after a SeriesImportMixin."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        series = self.target.series
        pending = self.take(series=series.pk)
        if pending is None:
            return self.not_pending("That preview has expired. Import the data again.")
        return self.start_run(
            pending,
            kind=self.target.kind,
            target_id=series.pk,
            title=self.get_page_title(),
            done_url=reverse(self.done_url_name, args=[series.pk]),
        )
