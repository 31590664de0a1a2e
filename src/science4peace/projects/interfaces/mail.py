"""E-mail about joining projects, in the language each person used on the platform; sent
through the configured backend (the task queue when ``S4P_EMAIL_QUEUE`` is on)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from science4peace.projects.domain.changes import Notify
from science4peace.projects.models import ProjectMember


def _texts(what: str, project: str, person: str) -> tuple[str, str]:
    names = {"project": project, "person": person}
    texts = {
        "asked": (
            _("Request sent: %(project)s"),
            _("You asked to join %(project)s. Its leads will answer."),
        ),
        "request": (
            _("%(person)s asks to join %(project)s"),
            _("%(person)s asks to join %(project)s. Accept or decline on the project's page."),
        ),
        "joined": (_("Welcome to %(project)s"), _("You are now a member of %(project)s.")),
        "accepted": (
            _("Welcome to %(project)s"),
            _("The leads of %(project)s accepted you: you are now a member."),
        ),
        "declined": (
            _("Your request to join %(project)s"),
            _("The leads of %(project)s declined your request this time."),
        ),
        "left": (_("You left %(project)s"), _("You are no longer a member of %(project)s.")),
        "member-left": (
            _("%(person)s left %(project)s"),
            _("%(person)s is no longer a member of %(project)s."),
        ),
        "lead": (
            _("You lead %(project)s"),
            _("You are now one of the leads of %(project)s."),
        ),
    }
    subject, body = texts[what]
    return subject % names, body % names


def notifier(base_url: str) -> Notify:
    def notify(recipient: ProjectMember, what: str, about: ProjectMember) -> None:
        recipient = ProjectMember.objects.select_related("project", "person__user").get(
            pk=recipient.pk
        )
        user = recipient.person.user
        if user is None or not user.email:
            return
        about_name = str(ProjectMember.objects.select_related("person").get(pk=about.pk).person)
        url = base_url.rstrip("/") + reverse("projects:detail", args=[recipient.project_id])
        with translation.override(recipient.language):
            subject, body = _texts(what, recipient.project.title, about_name)
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] {subject}",
                body=f"{body}\n\n{url}",
                to=[user.email],
            ).send()

    return notify
