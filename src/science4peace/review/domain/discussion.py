"""The discussion of a submission: its reviewers, once their own review is in, and the chairs
(the organisers and the programme committee) exchange comments. Only they read it. In a
double-blind or single-blind call the reviewers appear as "Reviewer 1, 2, ..." (the numbering
of the reviews) and the chairs as "Chair"; the organisers, and everyone in an open call, see
names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.events.models import EventRole
from science4peace.people.domain.queries import person_of
from science4peace.review import rules
from science4peace.review.domain.access import access_blind_submission
from science4peace.review.models import Assignment, Comment, Review, Submission

MAX_COMMENT = 5000


def _is_chair(actor: Any, submission: Submission) -> bool:
    if rules.can_manage(actor, submission.call.event):
        return True
    return EventRole.objects.filter(
        event_id=submission.call.event_id, user_id=actor.pk, role=EventRole.Role.COMMITTEE
    ).exists()


def access_discussion(actor: Any, event_id: int, code: str) -> Submission:
    """The submission whose discussion the actor may read and join: a chair without a
    conflict, or an assigned reviewer whose review is in."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to take part in the discussion."))
    submission = access_blind_submission(actor, event_id, code, to="bid")
    if _is_chair(actor, submission):
        return submission
    mine = Assignment.objects.filter(submission=submission, reviewer=actor).first()
    if mine is None:
        raise PermissionDenied(_("You are not assigned to review this submission."))
    if not Review.objects.filter(assignment=mine).exists():
        raise PermissionDenied(_("The discussion opens once your review is in."))
    return submission


@transaction.atomic
def do_comment(submission: Submission, *, actor: Any, text: str) -> Comment:
    """Add the actor's comment (``access_discussion`` first: it checks who may)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("At most %(n)s characters.") % {"n": MAX_COMMENT}})
    comment = Comment(submission=submission, author=actor, text=text)
    comment.full_clean()
    comment.save()
    return comment


@dataclass(frozen=True)
class CommentRow:
    author: str
    text: str
    created: Any
    own: bool


def discussion_of(submission: Submission, viewer: Any) -> list[CommentRow]:
    """The comments in order, each author named as the viewer may know them. Two queries."""
    numbers = {
        reviewer: n
        for n, reviewer in enumerate(
            Review.objects.filter(assignment__submission=submission)
            .order_by("assignment_id")
            .values_list("assignment__reviewer_id", flat=True),
            start=1,
        )
    }
    names = rules.sees_reviewers(viewer, submission)
    rows = []
    for c in Comment.objects.filter(submission=submission).select_related("author__person"):
        if names or c.author_id == viewer.pk:
            person = person_of(c.author)
            label = person.display_name if person else c.author.get_username()
        elif c.author_id in numbers:
            label = _("Reviewer %(n)s") % {"n": numbers[c.author_id]}
        else:
            label = _("Chair")
        rows.append(CommentRow(label, c.text, c.created, c.author_id == viewer.pk))
    return rows
