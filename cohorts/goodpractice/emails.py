"""The two emails to the person who shared an example: one when it arrives,
one when it is first published. Sent with Django's send_mail, so through
whichever email backend the settings choose."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string

from home.models import SiteSettings

logger = logging.getLogger(__name__)


def email_contact(page, subject, template, **context):
    if not page.contact_email:
        return
    site = page.get_site()
    name = SiteSettings.for_site(site).organisation_name if site else ""
    body = render_to_string(template, {"page": page, "site_name": name, **context})
    try:
        send_mail(f"{subject} – {name}", body, None, [page.contact_email])
    except OSError:  # the mail server is down: the example is stored all the same
        logger.exception("Could not email the contact of good practice %s", page.pk)


def acknowledge(page):
    email_contact(
        page,
        "We have received your good practice example",
        "cohorts/good_practice/email_received.txt",
    )


def tell_published(page):
    email_contact(
        page,
        "Your good practice example is published",
        "cohorts/good_practice/email_published.txt",
        url=page.get_full_url(),
    )
