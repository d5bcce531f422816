"""The public "Share good practice" form: every text has a size limit, the
document a size and a type (checked from its content, not only its name), and
the honeypot field must stay empty."""

import zipfile
from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat

from cohorts.models import Theme
from cohorts.models.good_practice import (
    LINK_LENGTH,
    ORGANISATION_LENGTH,
    SUMMARY_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
)

MAX_DOCUMENT_SIZE = 5 * 1024 * 1024
EMAIL_LENGTH = 254
# What an Office file must hold besides [Content_Types].xml: its main part's folder.
OFFICE_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
DOCUMENT_TYPES = "a PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX) file"
HONEYPOT = "website"
HONEYPOT_MESSAGE = (
    "We could not accept this form because the field “Leave this field empty”, "
    "which is there to catch automated spam, was filled in. If you are a person, "
    "clear that field and send the form again."
)


def text_field(label, max_length, missing, *, widget=None, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        error_messages={
            "required": missing,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def document_is_what_it_says(upload, extension):
    """Whether the file's content matches its extension: a PDF starts with
    %PDF-; a DOCX, XLSX or PPTX is a zip with the parts of its kind."""
    upload.seek(0)
    if extension == ".pdf":
        ok = upload.read(5) == b"%PDF-"
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, EOFError):
            names = []
        ok = "[Content_Types].xml" in names and any(
            name.startswith(OFFICE_PARTS[extension]) for name in names
        )
    upload.seek(0)
    return ok


class ShareGoodPracticeForm(forms.Form):
    title = text_field("Title", TITLE_LENGTH, "Enter a title")
    summary = text_field(
        "Summary",
        SUMMARY_LENGTH,
        "Enter a summary",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences: shown in lists and search results.",
    )
    what_was_done = text_field(
        "What was done",
        TEXT_LENGTH,
        "Enter what was done",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Who was involved, what you changed and how.",
    )
    evidence = text_field(
        "The evidence or outcome",
        TEXT_LENGTH,
        "Enter the evidence or outcome",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What changed as a result, and how you know.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.filter(good_practice=True).order_by("name"),
        to_field_name="slug",
        help_text="Select all the themes that apply.",
        error_messages={
            "required": "Select at least one theme",
            "invalid_choice": "Select themes from the list",
            "invalid_pk_value": "Select themes from the list",
        },
    )
    organisation = text_field(
        "Organisation",
        ORGANISATION_LENGTH,
        "Enter the name of the organisation",
        help_text="The NHS trust, university or other organisation where this "
        "happened.",
    )
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        max_length=LINK_LENGTH,
        assume_scheme="https",
        help_text="A web page where people can read more, starting https://",
        error_messages={
            "invalid": "Enter a web address in the correct format, like "
            "https://www.example.org/report",
            "max_length": f"The link must be {LINK_LENGTH} characters or fewer",
        },
    )
    document = forms.FileField(
        label="Document (optional)",
        required=False,
        help_text=f"{DOCUMENT_TYPES[0].upper()}{DOCUMENT_TYPES[1:]}, "
        f"{filesizeformat(MAX_DOCUMENT_SIZE)} or smaller.",
        error_messages={
            "invalid": "The selected file could not be read: choose it again",
            "empty": "The selected file is empty",
            "max_length": "The file's name must be 100 characters or fewer",
        },
        max_length=100,
    )
    contact_email = forms.EmailField(
        label="Your email address",
        max_length=EMAIL_LENGTH,
        help_text="We use it only to tell you when your example is published "
        "and to ask you about it. It is never shown on the site.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like "
            "name@example.org",
            "max_length": f"Your email address must be {EMAIL_LENGTH} characters "
            "or fewer",
        },
    )
    consent = forms.BooleanField(
        label="I agree that this example, but not my email address, may be "
        "published on this site once the programme team has checked it.",
        error_messages={
            "required": "Agree to your example being published, or it cannot be shared"
        },
    )
    # The honeypot: hidden from people (and screen readers), left empty by them;
    # a program that fills in every field fills it in.
    website = forms.CharField(label="Leave this field empty", required=False)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        extension = Path(upload.name).suffix.lower()
        if extension not in {".pdf", *OFFICE_PARTS}:
            raise forms.ValidationError(f"The selected file must be {DOCUMENT_TYPES}")
        if upload.size > MAX_DOCUMENT_SIZE:
            raise forms.ValidationError(
                "The selected file must be smaller than "
                f"{filesizeformat(MAX_DOCUMENT_SIZE)}"
            )
        if not document_is_what_it_says(upload, extension):
            raise forms.ValidationError(
                f"The selected file is damaged or is not really {DOCUMENT_TYPES}: "
                "check it opens, then choose it again"
            )
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get(HONEYPOT, "").strip():
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="spam")
        return cleaned_data

    def theme_options(self):
        """(slug, name, checked) for components/checkboxes.html."""
        chosen = {str(value) for value in self["themes"].value() or ()}
        return [
            (theme.slug, theme.name, theme.slug in chosen)
            for theme in self.fields["themes"].queryset
        ]

    def consent_options(self):
        return [("on", self.fields["consent"].label, bool(self["consent"].value()))]

    def error_list(self):
        """(anchor, message) for the error summary: the fields' errors in their
        order, then the form's own (with no anchor)."""
        return [
            (f"#{self[name].id_for_label}" if name in self.fields else None, message)
            for name, errors in self.errors.items()
            for message in errors
        ]
