"""The programme committee's own statements: keywords of expertise, bids, declared
conflicts; and the organisers' rulings on conflicts (audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.lib.review_assignment import normalise_keywords
from science4peace.review import rules
from science4peace.review.models import Assignment, Bid, Call, ConflictRuling, Expertise, Submission


def _require_committee(actor: Any, call: Call) -> None:
    if not rules.is_committee(actor, call.event):
        raise PermissionDenied(_("Only the programme committee may do this."))


@transaction.atomic
def do_set_expertise(call: Call, *, actor: Any, keywords: str) -> Expertise:
    _require_committee(actor, call)
    cleaned = ", ".join(sorted(normalise_keywords(keywords)))
    if len(cleaned) > 500:
        raise ValidationError({"keywords": _("At most 500 characters of keywords.")})
    expertise, _created = Expertise.objects.update_or_create(
        event=call.event, reviewer=actor, defaults={"keywords": cleaned}
    )
    return expertise


@transaction.atomic
def do_bid(submission: Submission, *, actor: Any, level: str) -> Bid | None:
    """Bid on a submission; an empty ``level`` takes the bid back."""
    _require_committee(actor, submission.call)
    if level and level not in Bid.Level.values:
        raise ValidationError({"level": _("Bid eager, willing or not willing.")})
    if not level:
        Bid.objects.filter(submission=submission, reviewer=actor).delete()
        return None
    bid, _created = Bid.objects.update_or_create(
        submission=submission, reviewer=actor, defaults={"level": level}
    )
    return bid


@transaction.atomic
def do_declare_conflict(submission: Submission, *, actor: Any, reason: str = "") -> ConflictRuling:
    """A reviewer declares a conflict: the submission leaves their queue and any assignment
    of theirs to it is removed."""
    _require_committee(actor, submission.call)
    ruling, _created = ConflictRuling.objects.get_or_create(
        submission=submission,
        reviewer=actor,
        kind=ConflictRuling.Kind.DECLARED_REVIEWER,
        defaults={"reason": reason[:300]},
    )
    Assignment.objects.filter(submission=submission, reviewer=actor, review__isnull=True).delete()
    Bid.objects.filter(submission=submission, reviewer=actor).delete()
    audit.record(
        actor=actor, action="review.conflict.declare", obj=ruling, after=audit.snapshot(ruling)
    )
    return ruling


@transaction.atomic
def do_rule_conflict(
    submission: Submission, *, actor: Any, reviewer: Any, lift: bool, reason: str
) -> ConflictRuling:
    """The organisers add a conflict or lift a found one, with a reason; audited."""
    if not rules.can_manage(actor, submission.call.event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if not rules.is_committee(reviewer, submission.call.event):
        raise ValidationError({"reviewer": _("This person is not on the programme committee.")})
    kind = ConflictRuling.Kind.LIFTED if lift else ConflictRuling.Kind.ADDED
    other = ConflictRuling.Kind.ADDED if lift else ConflictRuling.Kind.LIFTED
    ConflictRuling.objects.filter(submission=submission, reviewer=reviewer, kind=other).delete()
    ruling, _created = ConflictRuling.objects.update_or_create(
        submission=submission,
        reviewer=reviewer,
        kind=kind,
        defaults={"reason": reason.strip()[:300]},
    )
    if not lift:
        Assignment.objects.filter(submission=submission, reviewer=reviewer).delete()
    audit.record(
        actor=actor,
        action="review.conflict." + ("lift" if lift else "add"),
        obj=ruling,
        after=audit.snapshot(ruling),
    )
    return ruling
