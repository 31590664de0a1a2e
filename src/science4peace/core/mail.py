"""Mail through the background queue: with ``S4P_EMAIL_QUEUE=true`` a request only enqueues
its messages and ``s4p worker`` delivers them through the backend ``S4P_EMAIL_URL`` names, so
a slow or unreachable mail server never holds up a sign-up."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task


def _attachment(item: Any) -> dict[str, str]:
    filename, content, mimetype = item
    data = content.encode() if isinstance(content, str) else bytes(content)
    return {
        "filename": filename or "",
        "content": base64.b64encode(data).decode(),
        "mimetype": mimetype or "application/octet-stream",
    }


def serialise(message: EmailMessage) -> dict[str, Any]:
    """A JSON-ready copy of a message: text, HTML alternatives and attachments."""
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
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(item) for item in message.attachments],
    }


def deserialise(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for item in data["attachments"]:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


@task()
def deliver_email(data: dict[str, Any]) -> int:
    """Send one queued message through the delivery backend."""
    connection = get_connection(settings.S4P_EMAIL_DELIVERY_BACKEND)
    return connection.send_messages([deserialise(data)])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            deliver_email.enqueue(serialise(message))
        return len(email_messages)
