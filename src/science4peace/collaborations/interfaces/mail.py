"""E-mail to a person whose request to join was decided, in the language they asked in."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from science4peace.collaborations.domain.joining import Notify
from science4peace.collaborations.models import JoinRequest


def subject_and_body(join_request: JoinRequest, url: str) -> tuple[str, str]:
    name = join_request.collaboration.name
    if join_request.status == JoinRequest.Status.ACCEPTED:
        start = join_request.membership.start.isoformat() if join_request.membership else ""
        body = [
            _("Your request to join %(collaboration)s was accepted.") % {"collaboration": name},
            _("You are a member through %(institution)s from %(start)s.")
            % {"institution": join_request.institution.name, "start": start},
            _("You can now record your contributions:"),
            url,
        ]
        return _("Welcome to %(collaboration)s") % {"collaboration": name}, "\n\n".join(body)
    body = [
        _("Your request to join %(collaboration)s was declined.") % {"collaboration": name},
        _("You may write to its administrators or ask again later."),
        url,
    ]
    return _("Your request to join %(collaboration)s") % {"collaboration": name}, "\n\n".join(body)


def join_notifier(base_url: str) -> Notify:
    def notify(join_request: JoinRequest) -> None:
        join_request = JoinRequest.objects.select_related(
            "collaboration", "institution", "membership", "person__user"
        ).get(pk=join_request.pk)
        user = join_request.person.user
        if user is None or not user.email:
            return
        page = "collaborations:contributions"
        if join_request.status != JoinRequest.Status.ACCEPTED:
            page = "collaborations:detail"
        url = base_url.rstrip("/") + reverse(page, args=[join_request.collaboration_id])
        with translation.override(join_request.language):
            subject, body = subject_and_body(join_request, url)
        EmailMessage(subject=f"[{settings.SITE_NAME}] {subject}", body=body, to=[user.email]).send()

    return notify


def join_notify_for(request: HttpRequest) -> Notify:
    """What every interface passes as ``notify`` to ``do_decide_join_request``."""
    return join_notifier(request.build_absolute_uri("/"))
