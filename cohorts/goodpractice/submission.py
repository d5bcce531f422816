"""A shared example becomes an unpublished GoodPracticePage under the Good
practice section, submitted (by no user: the public has no account) to the
moderation workflow that programme staff review. The form and the demo both
call ``submit``."""

from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cohorts.models import GoodPracticePage, Organisation
from cohorts.roles import STAFF_GROUP

from . import emails

SUBMISSIONS = "Good practice submissions"


def submissions_collection():
    """Where shared documents wait until their page is published: only
    programme staff (and administrators) may open them."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS).first()
    if collection is None:
        collection = root.add_child(name=SUBMISSIONS)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.GROUPS,
        )
        restriction.groups.set(Group.objects.filter(name=STAFF_GROUP))
    return collection


def release_document(page):
    """On publication: the page's document leaves the private submissions
    collection, so that readers can open it."""
    document = page.document
    if document is not None and document.collection.name == SUBMISSIONS:
        document.collection = Collection.get_first_root_node()
        document.save(update_fields=["collection"])


def store_document(upload, title):
    stem, extension = Path(upload.name).stem, Path(upload.name).suffix.lower()
    upload.name = f"{slugify(stem)[:60] or 'document'}{extension}"
    document = get_document_model()(
        title=title, file=upload, collection=submissions_collection()
    )
    document._set_document_file_metadata()
    document.save()
    return document


def unique_slug(index, title):
    base = slugify(title)[:80].strip("-") or "good-practice"
    taken = set(
        index.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def submit(data, index):
    """Store one shared example (the cleaned data of ShareGoodPracticeForm)
    under ``index`` as a draft in moderation, all or nothing, then send the
    contact the acknowledgement. Returns the page."""
    name = data["organisation"].strip()
    organisation = Organisation.objects.filter(name__iexact=name).first()
    with transaction.atomic():
        page = GoodPracticePage(
            title=data["title"],
            slug=unique_slug(index, data["title"]),
            summary=data["summary"],
            what_was_done=data["what_was_done"],
            evidence=data["evidence"],
            organisation=organisation,
            organisation_name="" if organisation else name,
            link=data.get("link", ""),
            contact_email=data["contact_email"],
            live=False,
        )
        if data.get("document"):
            page.document = store_document(data["document"], data["title"])
        page.themes = list(data["themes"])
        index.add_child(instance=page)
        page.save_revision(log_action=True)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, None)
    emails.acknowledge(page)
    return page
