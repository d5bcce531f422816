"""The image library's upload form: a damaged image file is a form error.

Wagtail's image field reads only an image's header, so a file whose header is
sound and whose image data is cut short or garbled passed validation (or, for a
truncated PNG, crashed it: counting the frames reads past the end), and broke
later, when a thumbnail was drawn. Here the image is decoded once at upload.
Installed by WAGTAILIMAGES_IMAGE_FORM_BASE, so the add-image view, the multiple
upload and the chooser's upload all use it, for every role.
"""

from PIL import Image as PILImage

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = (
    "This image file is damaged or incomplete, so it cannot be shown. Save it "
    "again from the original (or export it again) and upload the new copy."
)


def check_image_decodes(file):
    """Raise ValidationError unless the raster image in `file` decodes."""
    try:
        with PILImage.open(file) as image:
            # A JPEG is decoded at an eighth of its size: every byte of image
            # data is still read, in a fraction of the memory.
            image.draft(image.mode, (1, 1))
            image.load()
    # Pillow raises several kinds of error (OSError, SyntaxError, ValueError,
    # struct and zlib errors) on a damaged file: any of them means it is unusable.
    except Exception as error:
        raise ValidationError(DAMAGED, code="damaged_image") from error
    finally:
        file.seek(0)


class ImageFileField(WagtailImageField):
    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except OSError as error:
            raise ValidationError(DAMAGED, code="damaged_image") from error
        if upload is not None and upload.image.format_name != "svg":
            check_image_decodes(upload)
        return upload


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple upload's edit form has none
            field = self.fields["file"]
            self.fields["file"] = ImageFileField(
                label=field.label, required=field.required, widget=field.widget
            )
