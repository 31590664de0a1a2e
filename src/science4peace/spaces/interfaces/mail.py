"""Announcements by e-mail: one message per member (no address shown to another), each in
the language that member last used here, through the outbox (core/mail.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import translation
from django.utils.translation import gettext as _

from science4peace.spaces.domain.discussions import Mailer
from science4peace.spaces.models import Announcement


def announcement_mailer(base_url: str) -> Mailer:
    def send(announcement: Announcement, recipients: list[tuple[str, str]]) -> None:
        url = base_url.rstrip("/") + announcement.space.get_absolute_url()
        messages = []
        for address, language in recipients:
            with translation.override(language):
                intro = _("An announcement in %(space)s:") % {"space": announcement.space.title}
                messages.append(
                    EmailMessage(
                        subject=f"[{settings.SITE_NAME}] {announcement.title}",
                        body=f"{intro}\n\n{announcement.body}\n\n{url}",
                        to=[address],
                    )
                )
        get_connection().send_messages(messages)

    return send
