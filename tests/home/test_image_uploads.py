"""A damaged image file uploaded to the image library is a form error, for
programme staff and for fellows, in the single and the multiple upload."""

import io
import random

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model

from tests.factories import FellowUserFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()


def photo_bytes(image_format):
    """A real photograph-like image: noise, so that no encoder shrinks it."""
    noise = random.Random(7).randbytes(200 * 150 * 3)  # noqa: S311 (test data)
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (200, 150), noise).save(buffer, image_format)
    return buffer.getvalue()


def truncated_png():
    data = photo_bytes("PNG")
    return "truncated.png", data[: len(data) // 2]


def corrupt_jpeg():
    """A JPEG whose headers are intact and whose image data is garbage."""
    data = photo_bytes("JPEG")
    start_of_scan = data.index(b"\xff\xda")
    garbage = random.Random(8).randbytes(len(data) - start_of_scan)  # noqa: S311
    return "corrupt.jpg", data[: start_of_scan + 12] + garbage


DAMAGED = {"truncated PNG": truncated_png, "corrupt JPEG": corrupt_jpeg}


@pytest.fixture
def uploader(client):
    """Programme staff, who upload in the image library."""
    client.force_login(StaffUserFactory())
    client.raise_request_exception = False
    return client


@pytest.fixture
def fellow_client(client):
    """A fellow, who uploads through the image chooser of the page editor (the
    library itself is closed to fellows: cohorts/access/scope.py)."""
    client.force_login(FellowUserFactory())
    client.raise_request_exception = False
    return client


def chooser_upload(client, name, content):
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Ward round",
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize("damaged", DAMAGED)
def test_damaged_image_is_a_form_error_in_the_fellows_chooser_upload(
    fellow_client, damaged
):
    response = chooser_upload(fellow_client, *DAMAGED[damaged]())
    assert response.status_code == 200
    assert "is damaged or incomplete" in response.text
    assert not Image.objects.exists()


def test_sound_image_is_accepted_in_the_fellows_chooser_upload(fellow_client):
    chooser_upload(fellow_client, "ward.png", photo_bytes("PNG"))
    assert Image.objects.get().width == 200


@pytest.mark.parametrize("damaged", DAMAGED)
def test_damaged_image_is_a_form_error_in_the_add_image_view(uploader, damaged):
    name, content = DAMAGED[damaged]()
    response = uploader.post(
        reverse("wagtailimages:add"),
        {"title": "Ward round", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert "is damaged or incomplete" in response.text
    assert not Image.objects.exists()


@pytest.mark.parametrize("damaged", DAMAGED)
def test_damaged_image_is_a_form_error_in_the_multiple_upload(uploader, damaged):
    name, content = DAMAGED[damaged]()
    response = uploader.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "is damaged or incomplete" in result["error_message"]
    assert not Image.objects.exists()


@pytest.mark.parametrize("view", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_sound_image_is_still_accepted(uploader, view):
    content = photo_bytes("PNG")
    field = "file" if view == "wagtailimages:add" else "files[]"
    uploader.post(
        reverse(view),
        {"title": "Ward round", field: SimpleUploadedFile("ward.png", content)},
    )
    assert Image.objects.get().width == 200
