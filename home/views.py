from wagtail.admin.forms.choosers import (
    ExternalLinkChooserForm,
    URLOrAbsolutePathField,
)
from wagtail.admin.views.chooser import ExternalLinkView as WagtailExternalLinkView


class URLField(URLOrAbsolutePathField):
    def to_python(self, value):
        return super().to_python(value or "")


class LinkForm(ExternalLinkChooserForm):
    url = URLField(required=True, label="URL")


class ExternalLinkView(WagtailExternalLinkView):
    """Wagtail's external-link chooser, where a post without the URL is a form
    error ("This field is required"): Wagtail 8.0.1's own fails with a server
    error (its URL field cannot read a missing value)."""

    form_class = LinkForm
