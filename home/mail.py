"""Email in the background: every message the site sends (invitations,
moderation notices, password resets) is handed to a django-tasks task, which
sends it with EMAIL_DELIVERY_BACKEND. In production the task waits in the
database for the worker (`manage.py db_worker`, docs/operations.md), so a slow
or unreachable mail server never slows a request; in development and the tests
the task backend runs it at once.

Error reports to ADMINS do not come this way: they go straight to the mail
server (production settings), since the error may be the database itself."""

import base64

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


def to_json(message):
    """The message as JSON-compatible data (what a task's arguments must be)."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [
                filename,
                base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode(),
                mimetype,
            ]
            for filename, content, mimetype in message.attachments
        ],
    }


def from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(item) for item in data["alternatives"]],
    )
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def send_email(message):
    """Send one message (``to_json``'s data) with the real backend. A failure is
    raised, so the task's result records it and the worker logs it."""
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        return connection.send_messages([from_json(message)])


class BackgroundEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: enqueues a task per message instead of sending it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            send_email.enqueue(to_json(message))
        return len(email_messages)
