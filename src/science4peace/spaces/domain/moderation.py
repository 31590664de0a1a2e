"""Moderation: administrators hide a post (with a reason its author sees) and lock a thread,
members report posts (the administrators are told, and settle the reports from the space's
queue by hiding the post or dismissing them), and any person blocks another. Hiding, locking
and dismissing are audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person
from science4peace.spaces import rules
from science4peace.spaces.domain import queries, signals
from science4peace.spaces.models import Block, Post, Report, Thread

MAX_REASON = 500


def check_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": _("Give a reason.")})
    if len(text) > MAX_REASON:
        raise ValidationError({"reason": _("At most %(n)s characters.") % {"n": MAX_REASON}})
    return text


@transaction.atomic
def do_hide_post(post: Post, *, actor: Any, reason: str, hidden: bool = True) -> Post:
    """Hide (or show again) a post; its author still sees it, with the reason."""
    if not rules.is_administrator(actor, post.space):
        raise ValidationError(_("Only the space's administrators may do this."))
    fields = ["hidden_at", "hidden_reason", "hidden_by_id"]
    before = audit.snapshot(post, fields)
    if hidden:
        post.hidden_at, post.hidden_reason, post.hidden_by = (
            timezone.now(),
            check_reason(reason),
            actor,
        )
    else:
        post.hidden_at, post.hidden_reason, post.hidden_by = None, "", None
    post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    if hidden:
        _settle(post, actor, Report.Outcome.HIDDEN)
    audit.record(
        actor=actor,
        action="space.post.hide" if hidden else "space.post.show",
        obj=post,
        before=before,
        after=audit.snapshot(post, fields),
    )
    return post


@transaction.atomic
def do_lock_thread(thread: Thread, *, actor: Any, locked: bool = True) -> Thread:
    if not rules.is_administrator(actor, thread.space):
        raise ValidationError(_("Only the space's administrators may do this."))
    before = {"locked": thread.locked}
    thread.locked = locked
    thread.save(update_fields=["locked"])
    audit.record(
        actor=actor, action="space.thread.lock", obj=thread, before=before, after={"locked": locked}
    )
    return thread


def _settle(post: Post, actor: Any, outcome: str) -> int:
    """Close the open reports of ``post`` with ``outcome``; how many there were."""
    return Report.objects.filter(post=post, outcome=Report.Outcome.OPEN).update(
        outcome=outcome, resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def do_report_post(post: Post, *, actor: Any, reason: str) -> Report:
    """A member reports a post to the space's administrators, who are told; reporting again
    changes the reason and opens the report again if it was settled."""
    if not rules.can_post(actor, post.space):
        raise ValidationError(_("Only the space's members may report a post."))
    reporter = access_own_person(actor)
    report, _created = Report.objects.update_or_create(
        post=post,
        reporter=reporter,
        defaults={
            "reason": check_reason(reason),
            "outcome": Report.Outcome.OPEN,
            "resolved_at": None,
            "resolved_by": None,
        },
    )
    administrators = [
        person for person in queries.administrators_of(post.space) if person.pk != reporter.pk
    ]
    transaction.on_commit(
        lambda: signals.post_reported.send(
            sender=Report, space=post.space, post=post, recipients=administrators
        )
    )
    return report


@transaction.atomic
def do_dismiss_reports(post: Post, *, actor: Any) -> int:
    """An administrator finds nothing wrong with a reported post: its open reports are closed
    as dismissed (audited); the number closed."""
    if not rules.is_administrator(actor, post.space):
        raise ValidationError(_("Only the space's administrators may do this."))
    closed = _settle(post, actor, Report.Outcome.DISMISSED)
    if not closed:
        raise ValidationError(_("This post has no open report."))
    audit.record(
        actor=actor,
        action="space.reports.dismiss",
        obj=post,
        before={"open_reports": closed},
        after={"open_reports": 0},
    )
    return closed


@transaction.atomic
def do_block(other: Person, *, actor: Any, blocked: bool = True) -> bool:
    """Block (or unblock) ``other``: neither then sees the other's posts or messages."""
    person = access_own_person(actor)
    if other.pk == person.pk:
        raise ValidationError(_("You cannot block yourself."))
    if blocked:
        Block.objects.get_or_create(blocker=person, blocked=other)
    else:
        Block.objects.filter(blocker=person, blocked=other).delete()
    return blocked
