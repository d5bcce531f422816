from django import forms
from django.core.exceptions import ValidationError
from django.http import JsonResponse

from wagtail.admin.forms import WagtailAdminPageForm


class EditorPageForm(WagtailAdminPageForm):
    """The editor form of every page type: a save based on an older revision
    than the page's latest is refused, and the newer revision kept.

    The editor posts the revision it was loaded with (``loaded_revision_id``
    and ``loaded_revision_created_at``) and, once it has autosaved, the revision
    it wrote (``overwrite_revision_id``). Wagtail compares them with the page's
    latest revision (EditView.is_out_of_date) but refuses only autosaves (the
    requests its JavaScript sends with ``Accept: application/json``), and
    otherwise leaves the warning to the browser. Here the same comparison makes
    the form invalid, so the editor shows the message with the author's changes
    still in the form.

    The editor shown again carries the latest revision's ids, so the person's
    next save replaces the newer revision, as the message says. Its autosave
    would post the same fields as the Save draft button (they differ only in
    the Accept header, which a form does not see), so the refusal also fills in
    the hidden field ``newer_revision_id``, and refuse_autosave_after_a_refusal
    (a before_edit_page hook) refuses an autosave that carries it: only the
    person's own save replaces the newer revision."""

    STALE = (
        "Someone saved a newer version of this page after you opened it, so your "
        "changes have not been saved. Check the newer version in the page's "
        "history before you save again: saving again will replace it."
    )

    newer_revision_id = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_stale():
            self.data = self.data.copy()  # the editor is shown again from it
            self.data["newer_revision_id"] = str(self.instance.latest_revision_id)
            raise ValidationError(self.STALE, code="stale")
        return cleaned_data

    def is_stale(self):
        latest = self.instance.latest_revision if self.instance.pk else None
        if latest is None:
            return False
        if overwrite := self.data.get("overwrite_revision_id"):
            return overwrite != str(latest.pk)
        if loaded := self.data.get("loaded_revision_id"):
            return (
                loaded != str(latest.pk)
                or self.data.get("loaded_revision_created_at", "")
                != latest.created_at.isoformat()
            )
        return False


def refuse_autosave_after_a_refusal(request, page):
    """Refuse an autosave (a request that does not accept HTML, as Wagtail's
    EditView tells them) from an editor shown again after a refused stale save,
    with Wagtail's "invalid_revision" error: its JavaScript then stops
    autosaving and shows the message under "Autosave is paused"."""
    if (
        request.method == "POST"
        and not request.accepts("text/html")
        and request.POST.get("newer_revision_id")
    ):
        return JsonResponse(
            {
                "success": False,
                "error_code": "invalid_revision",
                "error_message": EditorPageForm.STALE,
            },
            status=400,
        )
    return None
