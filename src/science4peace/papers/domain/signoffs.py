"""Sign-off of a frozen author list by its authors. When a list is frozen (or an author added),
each author is asked to check their own entry — name as printed, native-script name, ORCID,
affiliations, funding acknowledgement — and to confirm it or ask for a correction with a
message. The paper's contact persons (its editors and the collaboration's administrators)
see who confirmed, who asked for a change and who has not answered, remind the latter, and
resolve requests, after which the author is asked again. Every step notifies through the
notification service (channel ``paper:<id>``) and is in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from science4peace.core import audit
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify
from science4peace.papers import rules
from science4peace.papers.models import Paper, PaperAuthor, Signoff

Status = Signoff.Status
MESSAGE_LIMIT = 1000
REMIND_AGAIN_AFTER = dt.timedelta(hours=24)


def contacts_of(paper: Paper) -> list[Any]:
    """The paper's contact persons: its editors and its collaboration's administrators."""
    users = get_user_model().objects.filter(pk__in=paper.editors.values("pk"))
    collaboration = paper.collaboration
    if collaboration is not None:
        users = users | get_user_model().objects.filter(
            pk__in=collaboration.administrators.values("pk")
        )
    return list(users.distinct().order_by("pk"))


def _url(paper: Paper, name: str = "papers:my-entry") -> str:
    return reverse(name, args=[paper.pk])


def _context(paper: Paper, **more: Any) -> dict[str, Any]:
    return {"paper": paper.title, **more}


def ask_authors(paper: Paper, authors: Sequence[PaperAuthor]) -> list[Signoff]:
    """Open a sign-off for each author (in the caller's transaction) and ask those with an
    account to check their entry."""
    rows = Signoff.objects.bulk_create(Signoff(author=author) for author in authors)
    users = list(
        get_user_model().objects.filter(person__in=[a.person_id for a in authors], is_active=True)
    )
    if users:
        notify(
            recipients=users,
            kind="papers.signoff.asked",
            channel=channel_key("paper", paper.pk),
            subject=gettext_lazy("Please check your entry on %(paper)s"),
            body=gettext_lazy(
                "The author list of %(paper)s is frozen. Check your entry — your name as "
                "printed, your name in your own script, ORCID iD, affiliations and funding "
                "acknowledgement — and confirm it or ask for a correction."
            ),
            context=_context(paper),
            url=_url(paper),
            urgency="timely",
        )
    return rows


def _own(author: PaperAuthor, actor: Any) -> None:
    if not actor.is_authenticated or author.person.user_id != actor.pk:
        raise PermissionDenied(_("Only the author may answer for their own entry."))


def check_message(message: str, *, required: bool) -> str:
    text = (message or "").strip()
    if required and not text:
        raise ValidationError({"message": _("Say what should be corrected.")})
    if len(text) > MESSAGE_LIMIT:
        raise ValidationError(
            {"message": _("At most %(limit)s characters.") % {"limit": MESSAGE_LIMIT}}
        )
    if "\x00" in text:
        raise ValidationError({"message": _("The text contains a NUL character.")})
    return text


@transaction.atomic
def do_answer(author: PaperAuthor, *, actor: Any, confirm: bool, message: str = "") -> Signoff:
    """The author confirms their entry, or asks for a correction (a message is needed); the
    contact persons are told of a request."""
    _own(author, actor)
    text = check_message(message, required=not confirm)
    signoff, _created = Signoff.objects.select_for_update().get_or_create(author=author)
    signoff.status = Status.CONFIRMED if confirm else Status.CORRECTION
    signoff.message = "" if confirm else text
    signoff.answered_at = timezone.now()
    signoff.save(update_fields=["status", "message", "answered_at"])
    paper = author.paper
    audit.record(
        actor=actor,
        action=f"paper.signoff.{signoff.status}",
        obj=paper,
        after={"author": str(author), "message": signoff.message},
    )
    if not confirm:
        notify(
            recipients=contacts_of(paper),
            kind="papers.signoff.correction",
            channel=channel_key("paper", paper.pk),
            subject=gettext_lazy("%(author)s asks for a correction on %(paper)s"),
            body=gettext_lazy("%(author)s asks for this correction of their entry: %(message)s"),
            context=_context(paper, author=str(author), message=text),
            url=_url(paper, "papers:signoffs"),
        )
    return signoff


@transaction.atomic
def do_resolve(signoff: Signoff, *, actor: Any, resolution: str) -> Signoff:
    """A contact person answers a correction request; the author is asked to check again."""
    paper = signoff.author.paper
    if not rules.can_edit_paper(actor, paper):
        raise PermissionDenied(_("Only the paper's contact persons may do this."))
    text = check_message(resolution, required=True)
    locked = Signoff.objects.select_for_update().get(pk=signoff.pk)
    if locked.status != Status.CORRECTION:
        raise ValidationError(_("This author has not asked for a correction."))
    locked.status, locked.resolution = Status.PENDING, text
    locked.resolved_by, locked.resolved_at = actor, timezone.now()
    locked.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    audit.record(
        actor=actor,
        action="paper.signoff.resolved",
        obj=paper,
        after={"author": str(signoff.author), "resolution": text},
    )
    user = signoff.author.person.user
    if user is not None:
        notify(
            recipients=[user],
            kind="papers.signoff.resolved",
            channel=channel_key("paper", paper.pk),
            subject=gettext_lazy("Your correction on %(paper)s was answered"),
            body=gettext_lazy(
                "The contact persons answered: %(resolution)s Please check your entry again "
                "and confirm it."
            ),
            context=_context(paper, resolution=text),
            url=_url(paper),
            urgency="timely",
        )
    return locked


@transaction.atomic
def do_remind(paper: Paper, *, actor: Any, now: dt.datetime | None = None) -> int:
    """Remind every author who has not answered (and was not reminded in the last day);
    returns how many were reminded."""
    if not rules.can_edit_paper(actor, paper):
        raise PermissionDenied(_("Only the paper's contact persons may do this."))
    now = now or timezone.now()
    due = list(
        Signoff.objects.select_for_update()
        .filter(author__paper=paper, status=Status.PENDING, author__person__user__isnull=False)
        .exclude(reminded_at__gt=now - REMIND_AGAIN_AFTER)
        .select_related("author__person__user")
    )
    if not due:
        return 0
    notify(
        recipients=[s.author.person.user for s in due],
        kind="papers.signoff.reminder",
        channel=channel_key("paper", paper.pk),
        subject=gettext_lazy("Reminder: please check your entry on %(paper)s"),
        body=gettext_lazy(
            "You have not yet confirmed your entry in the author list of %(paper)s, nor asked "
            "for a correction. It takes a minute."
        ),
        context=_context(paper),
        url=_url(paper),
        urgency="timely",
    )
    for signoff in due:
        signoff.reminded_at, signoff.reminders = now, signoff.reminders + 1
    Signoff.objects.bulk_update(due, ["reminded_at", "reminders"])
    audit.record(actor=actor, action="paper.signoff.remind", obj=paper, after={"count": len(due)})
    return len(due)


@dataclass(frozen=True)
class Entry:
    """An author's entry as it will be printed, for them to check."""

    printed_name: str
    native_name: str
    orcid: str
    affiliations: list[str]
    funding: list[str]
