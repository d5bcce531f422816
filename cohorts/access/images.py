"""Fellows' and coaches' images: each uploads to a collection of their own, and
chooses only from it.

Wagtail grants image permissions per group and collection, and the Fellows
group's "add" and "choose" sit on the root collection, so by themselves they
would let every fellow choose from the whole library. For a fellow or coach
(cohorts.roles.has_narrow_role) this policy moves every collection permission
their groups grant onto their own collection, "<name> (user <pk>)" under
"Uploads by fellows and coaches", made the first time they need it. Their
uploads land there (the upload form offers no other collection), the image
chooser lists only what is in it, and an image elsewhere cannot be chosen, even
by its id. Staff keep Wagtail's rules: they see and manage every collection,
these included, and may put an image into someone's collection to offer it to
them.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permissions import register_permission_policy

from cohorts.roles import has_narrow_role

UPLOADS = "Uploads by fellows and coaches"


def own_collection(user):
    """The user's own collection, created with its parent on first use."""
    with transaction.atomic():
        root = Collection.get_first_root_node()
        parent = root.get_children().filter(name=UPLOADS).first()
        if parent is None:
            parent = root.add_child(instance=Collection(name=UPLOADS))
        key = f"(user {user.pk})"
        collection = parent.get_children().filter(name__endswith=key).first()
        if collection is None:
            name = user.get_full_name() or user.get_username()
            collection = parent.add_child(instance=Collection(name=f"{name} {key}"))
    return collection


@dataclass(frozen=True)
class OwnCollectionPermission:
    """A group's collection permission (a GroupCollectionPermission, as the
    policy reads it), moved onto the user's own collection."""

    permission: Permission
    collection: Collection

    @property
    def collection_id(self):
        return self.collection.pk


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, with a fellow's or coach's collection permissions
    confined to their own collection (see the module docstring)."""

    permission_cache_name = "_fellowship_image_permission_cache"

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if not has_narrow_role(user):
            return permissions
        permissions = list(permissions)
        if not permissions:
            return permissions
        collection = own_collection(user)
        return [
            OwnCollectionPermission(permission.permission, collection)
            for permission in permissions
        ]


def register():
    """Ahead of Wagtail's own policy for the image model (an exact-class
    registration wins whatever the order of the apps)."""
    register_permission_policy(
        get_image_model(),
        ImagePermissionPolicy(
            get_image_model(),
            auth_model="wagtailimages.Image",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
