"""Admin views for the bulk import of records: upload → preview → confirm
(the flow is cohorts/imports/flow.py's)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, View

from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.roles import can_import_records
from cohorts.spreadsheets import MAX_FILE_SIZE_MB, MAX_ROWS, ImportFileError, read_table

from .flow import PreviewMixin
from .records import IMPORTERS, Kind, import_records

LISTING_URLS = {
    Kind.ORGANISATIONS: "wagtailsnippets_cohorts_organisation:list",
    Kind.COACHES: "wagtailsnippets_cohorts_coach:list",
    Kind.FELLOWS: "wagtailsnippets_cohorts_fellow:list",
}
MODEL_NAMES = {
    Kind.ORGANISATIONS: "organisation",
    Kind.COACHES: "coach",
    Kind.FELLOWS: "fellow",
}


def allowed_kinds(user):
    """The kinds of record this user may both add and change."""
    return [
        (kind.value, kind.label)
        for kind in Kind
        if user.has_perm(f"cohorts.add_{MODEL_NAMES[kind]}")
        and user.has_perm(f"cohorts.change_{MODEL_NAMES[kind]}")
    ]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="The file lists", widget=forms.RadioSelect)
    file = forms.FileField(
        help_text=(
            f"A CSV file saved as UTF-8, or an Excel .xlsx file (first sheet), "
            f"up to {MAX_FILE_SIZE_MB} MB and {MAX_ROWS:,} rows."
        )
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = allowed_kinds(user)

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload is None:
            return cleaned_data
        try:
            cleaned_data["table"] = read_table(upload.name, upload)
        except ImportFileError as error:
            self.add_error("file", str(error))
        return cleaned_data


class ImportMixin(PreviewMixin, WagtailAdminTemplateMixin):
    page_title = "Import records"
    header_icon = "upload"
    session_key = "cohorts_import"
    restart_label = "Upload a corrected file"
    confirm_url_name = "cohorts_import:confirm"
    restart_url_name = "cohorts_import:upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_import:upload"), "label": self.page_title},
        ]

    def render_preview(self, result, source, token=None):
        self.page_subtitle = "Preview"
        return super().render_preview(result, source, token)


@method_decorator(user_passes_test(can_import_records), name="dispatch")
class UploadView(ImportMixin, FormView):
    form_class = UploadForm
    template_name = "cohorts/admin/import_upload.html"

    def get_context_data(self, **kwargs):
        columns = [
            (kind.label, importer.required_columns, importer.optional_columns)
            for kind, importer in IMPORTERS.items()
        ]
        return super().get_context_data(columns=columns, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        kind, table = form.cleaned_data["kind"], form.cleaned_data["table"]
        filename = form.cleaned_data["file"].name
        try:
            result = import_records(kind, table, commit=False)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.preview(result, filename, table, kind=kind)


@method_decorator(user_passes_test(can_import_records), name="dispatch")
class ConfirmView(ImportMixin, View):
    """POST only: starts the import of the rows kept by the preview."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        pending = self.take()
        if pending is None:
            return self.not_pending(
                "That preview has expired. Upload the file again to import it."
            )
        kind = pending.context["kind"]
        if kind not in dict(allowed_kinds(request.user)):
            messages.error(request, "You do not have permission to import these.")
            return redirect("cohorts_import:upload")
        return self.start_run(
            pending,
            kind=kind,
            title=Kind(kind).label,
            done_url=reverse(LISTING_URLS[kind]),
        )


urlpatterns = [
    path("", UploadView.as_view(), name="upload"),
    path("confirm/", ConfirmView.as_view(), name="confirm"),
]
