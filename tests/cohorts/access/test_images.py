"""Each fellow's uploads go to a collection of their own, which only they and
staff can choose from; nobody with a narrow role sees the whole library."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from cohorts.access.images import UPLOADS, own_collection


@pytest.fixture
def cast(cast):
    cast.library_image = ImageFactory(
        title="Staff library photo",
        file=get_test_image_file(),
        collection=Collection.get_first_root_node(),
    )
    cast.image_of_b = ImageFactory(
        title="Ben ward photograph",
        file=get_test_image_file(),
        collection=own_collection(cast.fellow_b.user),
        uploaded_by_user=cast.fellow_b.user,
    )
    return cast


def upload(client, title):
    """Upload an image in the image chooser, as its modal does."""
    file = SimpleUploadedFile("ward.png", get_test_image_file().file.getvalue())
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": title, "image-chooser-upload-file": file},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def chooser(client):
    return client.get(reverse("wagtailimages_chooser:choose")).json()["html"]


def test_a_fellows_upload_goes_to_their_own_collection(client, cast):
    client.force_login(cast.fellow_a.user)

    response = upload(client, "Amara ward photograph")

    image = Image.objects.get(title="Amara ward photograph")
    user = cast.fellow_a.user
    assert response.status_code == 200
    assert image.collection.name == f"{user.get_username()} (user {user.pk})"
    assert image.collection.get_parent().name == UPLOADS
    assert image.uploaded_by_user == cast.fellow_a.user


def test_the_upload_form_offers_no_other_collection(client, cast):
    client.force_login(cast.fellow_a.user)

    html = chooser(client)

    assert 'name="image-chooser-upload-collection"' not in html
    assert UPLOADS not in html


def test_a_fellow_chooses_only_from_their_own_collection(client, cast):
    client.force_login(cast.fellow_a.user)
    upload(client, "Amara ward photograph")

    html = chooser(client)

    assert "Amara ward photograph" in html
    assert "Ben ward photograph" not in html
    assert "Staff library photo" not in html


@pytest.mark.parametrize("view", ["chosen", "select_format"])
@pytest.mark.parametrize("image", ["image_of_b", "library_image"])
def test_a_fellow_cannot_choose_another_image_by_its_id(client, cast, view, image):
    client.force_login(cast.fellow_a.user)
    image = getattr(cast, image)

    response = client.get(
        reverse(f"wagtailimages_chooser:{view}", args=[image.pk]),
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 403
    assert image.title not in response.text


def test_staff_choose_from_every_collection(client, cast):
    client.force_login(cast.staff)

    html = chooser(client)

    assert "Ben ward photograph" in html
    assert "Staff library photo" in html


def test_staff_offer_a_fellow_an_image_by_putting_it_in_their_collection(client, cast):
    cast.library_image.collection = own_collection(cast.fellow_a.user)
    cast.library_image.save()
    client.force_login(cast.fellow_a.user)

    assert "Staff library photo" in chooser(client)


def test_a_coach_has_no_upload_and_no_library(client, cast):
    client.force_login(cast.coach_a.user)

    response = upload(client, "Coach photograph")

    assert not Image.objects.filter(title="Coach photograph").exists()
    assert response.status_code == 403
    assert "Ben ward photograph" not in chooser(client)
    assert not Collection.objects.filter(
        name__endswith=f"(user {cast.coach_a.user.pk})"
    )


@pytest.mark.parametrize("role", ["fellow_a", "coach_a"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/api/main/images/",
        "/admin/images/",
        "/admin/images/chooser/chosen-multiple/?id={image}",
    ],
)
def test_narrow_roles_cannot_list_the_image_library(client, cast, role, url):
    client.force_login(getattr(cast, role).user)

    response = client.get(url.format(image=cast.image_of_b.pk))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
