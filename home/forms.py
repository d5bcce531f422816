from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminPageForm


class EditorPageForm(WagtailAdminPageForm):
    """The editor form of every page type: a save based on an older revision
    than the page's latest is refused, and the newer revision kept.

    The editor posts the revision it was loaded with (``loaded_revision_id``
    and ``loaded_revision_created_at``) and, once it has autosaved, the revision
    it wrote (``overwrite_revision_id``). Wagtail compares them with the page's
    latest revision (EditView.is_out_of_date) but refuses only autosaves, and
    otherwise leaves the warning to the browser. Here the same comparison makes
    the form invalid, so the editor shows the message with the author's changes
    still in the form; as it now carries the latest revision, saving again is a
    deliberate choice to replace it."""

    STALE = (
        "Someone saved a newer version of this page after you opened it, so your "
        "changes have not been saved. Check the newer version in the page's "
        "history before you save again: saving again will replace it."
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_stale():
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
