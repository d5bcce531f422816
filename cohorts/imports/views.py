"""Admin views for the bulk import: upload → preview → confirm.

The preview keeps the parsed rows in the session under a random token; the
confirm step validates them again against the database as it is then and
writes them in one transaction, or writes nothing."""

import secrets

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.generic import FormView, View

from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .records import (
    IMPORTERS,
    MAX_FILE_SIZE,
    MAX_ROWS,
    ImportFileError,
    Kind,
    Table,
    import_records,
    read_table,
)

SESSION_KEY = "cohorts_import"
PERMISSION = "cohorts.add_fellow"
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
            f"up to {MAX_FILE_SIZE // (1024 * 1024)} MB and {MAX_ROWS:,} rows."
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


class ImportMixin(WagtailAdminTemplateMixin):
    page_title = "Import records"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_import:upload"), "label": self.page_title},
        ]

    def render_preview(self, result, filename, token=None):
        status = 400 if result.errors else 200
        return self.render_to_response(
            self.get_context_data(
                result=result,
                source=filename,
                token=token,
                page_subtitle="Preview",
                confirm_url=reverse("cohorts_import:confirm"),
                restart_url=reverse("cohorts_import:upload"),
            ),
            status=status,
        )


@method_decorator(permission_required(PERMISSION), name="dispatch")
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
        self.template_name = "cohorts/admin/import_preview.html"
        if result.errors:
            self.request.session.pop(SESSION_KEY, None)
            return self.render_preview(result, filename)
        token = secrets.token_urlsafe(16)
        self.request.session[SESSION_KEY] = {
            "token": token,
            "kind": kind,
            "filename": filename,
            "table": table.as_json(),
        }
        return self.render_preview(result, filename, token)


@method_decorator(permission_required(PERMISSION), name="dispatch")
class ConfirmView(ImportMixin, View):
    """POST only: writes the rows kept by the preview."""

    http_method_names = ["post"]
    template_name = "cohorts/admin/import_preview.html"

    def post(self, request, *args, **kwargs):
        pending = request.session.get(SESSION_KEY)
        token = request.POST.get("token", "")
        if not pending or not secrets.compare_digest(pending["token"], token):
            messages.error(
                request, "That preview has expired. Upload the file again to import it."
            )
            return redirect("cohorts_import:upload")
        kind = pending["kind"]
        if kind not in dict(allowed_kinds(request.user)):
            messages.error(request, "You do not have permission to import these.")
            return redirect("cohorts_import:upload")
        del request.session[SESSION_KEY]
        table = Table.from_json(pending["table"])
        try:
            result = import_records(kind, table, commit=True)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("cohorts_import:upload")
        if not result.written:
            return self.render_preview(result, pending["filename"])
        messages.success(
            request, f"Imported {Kind(kind).label.lower()}: {result.summary}."
        )
        return redirect(LISTING_URLS[kind])


urlpatterns = [
    path("", UploadView.as_view(), name="upload"),
    path("confirm/", ConfirmView.as_view(), name="confirm"),
]
