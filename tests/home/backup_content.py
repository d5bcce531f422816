"""Run inside `manage.py shell` by test_backup: add files to the demo, and describe
everything a backup must bring back."""

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


def add_image_and_document():
    get_image_model().objects.create(
        title="Ward round photo", file=get_test_image_file("ward-round.png")
    )
    get_document_model().objects.create(
        title="Falls audit tool",
        file=ContentFile(b"date,falls\n2015-01-01,9\n", name="falls-audit.csv"),
    )


def digest(rows):
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def describe():
    """Print, as JSON: every model's row count and a digest of all its rows, the
    titles of the images and documents, and a digest of every media file."""
    models = [model for model in apps.get_models() if not model._meta.proxy]
    media = sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())
    print(
        json.dumps(
            {
                "counts": {m._meta.label: m.objects.count() for m in models},
                "rows": {
                    m._meta.label: digest(list(m.objects.order_by("pk").values_list()))
                    for m in models
                },
                "images": sorted(
                    get_image_model().objects.values_list("title", "file")
                ),
                "documents": sorted(
                    get_document_model().objects.values_list("title", "file")
                ),
                "media": {
                    str(path.relative_to(settings.MEDIA_ROOT)): hashlib.sha256(
                        path.read_bytes()
                    ).hexdigest()
                    for path in media
                },
            }
        )
    )
