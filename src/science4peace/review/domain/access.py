"""The permission funnel of calls for abstracts and review. Pages and API handlers obtain
calls, submissions and assignments only here. ``Http404`` for what the actor may not know
exists (a submission they have a conflict with is, for them, not there), ``PermissionDenied``
for what they may see but not do."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.events.domain.access import access_event
from science4peace.events.models import EventRole
from science4peace.review import rules
from science4peace.review.domain import conflicts
from science4peace.review.models import Assignment, Call, Submission


def access_call(
    actor: Any, event_id: int, *, to: Literal["see", "review", "manage"] = "see"
) -> Call:
    """The call of a visible event; ``review`` for its committee, ``manage`` for organisers."""
    event = access_event(actor, event_id, to=to)
    call = Call.objects.filter(event=event).first()
    if call is None:
        raise Http404(_("This event has no call for abstracts."))
    call.event = event
    return call


def access_own_submission(
    actor: Any,
    submission_id: int,
    *,
    to: Literal["see", "edit", "withdraw"] = "see",
    now: dt.datetime | None = None,
) -> Submission:
    """A submission, for the person who sent it."""
    submission = Submission.objects.select_related("call__event").filter(pk=submission_id).first()
    if submission is None or not rules.is_submitter(actor, submission):
        raise Http404(_("No such submission."))
    if to == "edit" and not rules.can_edit(actor, submission, now or timezone.now()):
        raise PermissionDenied(
            _(
                "This submission can no longer be changed: the call is closed, "
                "or it was withdrawn or decided."
            )
        )
    if to == "withdraw" and not rules.can_withdraw(actor, submission):
        raise PermissionDenied(_("This submission was already withdrawn or decided."))
    return submission


def access_blind_submission(
    actor: Any, event_id: int, code: str, *, to: Literal["bid", "review", "manage"] = "bid"
) -> Submission:
    """A submission as the committee knows it, by its code. A reviewer with a conflict does
    not learn that it exists; ``review`` needs an assignment; ``manage`` is for organisers."""
    call = access_call(actor, event_id, to="manage" if to == "manage" else "review")
    submission = (
        Submission.objects.filter(call=call, code=code)
        .exclude(status=Submission.Status.WITHDRAWN)
        .first()
    )
    if submission is None:
        raise Http404(_("No such submission."))
    submission.call = call
    if to == "manage":
        return submission
    if conflicts.has_conflict(submission, actor):
        raise Http404(_("No such submission."))
    if (
        to == "review"
        and not Assignment.objects.filter(submission=submission, reviewer=actor).exists()
    ):
        raise PermissionDenied(_("You are not assigned to review this submission."))
    return submission


def access_assignment(actor: Any, event_id: int, code: str) -> Assignment:
    """The actor's own assignment to review a submission."""
    submission = access_blind_submission(actor, event_id, code, to="review")
    assignment = Assignment.objects.get(submission=submission, reviewer=actor)
    assignment.submission = submission
    return assignment


def access_question(actor: Any, event_id: int, question_id: int) -> Any:
    call = access_call(actor, event_id, to="manage")
    question = call.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404(_("No such question."))
    question.call = call
    return question


def access_reviewer(actor: Any, call: Call, user_id: int) -> Any:
    """A member of the call's reviewer pool, for the organisers to assign or rule on."""
    if not rules.can_manage(actor, call.event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    role = (
        EventRole.objects.select_related("user")
        .filter(event_id=call.event_id, user_id=user_id, role__in=conflicts.POOL)
        .first()
    )
    if role is None:
        raise ValidationError({"reviewer": _("This person is not on the programme committee.")})
    return role.user


def access_pdf(actor: Any, event_id: int, code: str) -> Submission:
    """A submission's PDF: for its assigned reviewers and the organisers."""
    call = access_call(actor, event_id, to="review")
    if rules.can_manage(actor, call.event):
        return access_blind_submission(actor, event_id, code, to="manage")
    return access_assignment(actor, event_id, code).submission
