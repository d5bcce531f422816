"""When a good-practice page is published: its document becomes readable, and,
the first time only, the person who shared it is told."""

from wagtail.signals import page_published

from cohorts.models import GoodPracticePage

from . import emails
from .submission import release_document


def on_publish(sender, instance, **kwargs):
    if not instance.live:  # scheduled for later: this runs again when it goes live
        return
    release_document(instance)
    if instance.first_published_at == instance.last_published_at:
        emails.tell_published(instance)


def register():
    page_published.connect(
        on_publish, sender=GoodPracticePage, dispatch_uid="cohorts_good_practice"
    )
