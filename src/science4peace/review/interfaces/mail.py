"""Decision mails, each in the language the submitter wrote in, through the outbox."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from science4peace.review.domain.reviews import Notify
from science4peace.review.models import Review, Submission


def _body(submission: Submission, url: str) -> tuple[str, str]:
    event = submission.call.event.title
    title = submission.title
    if submission.decision == Submission.Decision.TALK:
        lead = _("Your abstract “%(title)s” is accepted as a talk at %(event)s.")
    elif submission.decision == Submission.Decision.POSTER:
        lead = _("Your abstract “%(title)s” is accepted as a poster at %(event)s.")
    else:
        lead = _("Your abstract “%(title)s” was not accepted for %(event)s this time.")
    comments = [
        r.to_authors
        for r in Review.objects.filter(assignment__submission=submission).order_by("assignment_id")
        if r.to_authors.strip()
    ]
    parts = [lead % {"title": title, "event": event}]
    if comments:
        parts.append(_("The reviewers' comments:"))
        parts += [f"{n}. {c}" for n, c in enumerate(comments, start=1)]
    parts.append(url)
    return _("Decision on your abstract: %(event)s") % {"event": event}, "\n\n".join(parts)


def notifier(base_url: str) -> Notify:
    def notify(submission: Submission) -> None:
        url = base_url.rstrip("/") + reverse("review:submission", args=[submission.pk])
        with translation.override(submission.language or "en"):
            subject, body = _body(submission, url)
        EmailMessage(subject, body, to=[submission.submitter.email]).send()

    return notify
