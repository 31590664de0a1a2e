"""Who may do what with a call for abstracts. One condition per line; no rule reads a country,
an institution's place or a person's location (invariant 1)."""

import datetime as dt
from typing import Any

from science4peace.events import rules as event_rules
from science4peace.events.models import Event
from science4peace.review.models import Call, Submission


def can_manage(user: Any, event: Event) -> bool:
    return event_rules.can_manage(user, event)


def is_committee(user: Any, event: Event) -> bool:
    """Organisers, the programme committee and reviewers: the event's REVIEW roles."""
    return event_rules.can_review(user, event)


def is_open(call: Call, now: dt.datetime) -> bool:
    if now < call.opens:
        return False
    return now <= call.deadline


def can_send(user: Any, call: Call, now: dt.datetime) -> bool:
    if not user.is_authenticated:
        return False
    return is_open(call, now)


def is_submitter(user: Any, submission: Submission) -> bool:
    if not user.is_authenticated:
        return False
    return submission.submitter_id == user.pk


def can_edit(user: Any, submission: Submission, now: dt.datetime) -> bool:
    if not is_submitter(user, submission):
        return False
    if submission.status == Submission.Status.WITHDRAWN:
        return False
    if submission.decision:
        return False
    return is_open(submission.call, now)


def can_withdraw(user: Any, submission: Submission) -> bool:
    if not is_submitter(user, submission):
        return False
    if submission.status == Submission.Status.WITHDRAWN:
        return False
    return not submission.decision


def sees_authors(user: Any, submission: Submission) -> bool:
    """Whether a committee member sees the names behind a submission."""
    if can_manage(user, submission.call.event):
        return True
    return submission.call.blindness != Call.Blindness.DOUBLE


def sees_reviewers(user: Any, submission: Submission) -> bool:
    """Reviewers of one submission do not see each other's identity unless the call is open."""
    if can_manage(user, submission.call.event):
        return True
    return submission.call.blindness == Call.Blindness.OPEN


def outcome_is_final(call: Call, undecided: int, decided: int) -> bool:
    """Every submission that was not withdrawn is decided (and there is at least one): the
    book of abstracts is public and the audit of the outcome may be shown."""
    if undecided:
        return False
    return decided > 0


def can_read_book(user: Any, call: Call, final: bool) -> bool:
    if can_manage(user, call.event):
        return True
    return final
