"""Reviews, decisions and the accepted submissions' way into the programme."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.events.domain.changes import do_save_contribution, set_speakers
from science4peace.people.models import Person
from science4peace.review import rules
from science4peace.review.models import Assignment, Review, Submission

Notify = Callable[[Submission], None]
DURATION = {"talk": 20, "poster": 5}


@transaction.atomic
def do_review(
    assignment: Assignment,
    *,
    actor: Any,
    score: int,
    confidence: int,
    to_authors: str = "",
    to_committee: str = "",
) -> Review:
    """Write or change the actor's review of the submission assigned to them."""
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied(_("You are not assigned to review this submission."))
    call = assignment.submission.call
    if assignment.submission.decision:
        raise PermissionDenied(_("This submission is decided; reviews are closed."))
    errors = {}
    if not call.score_min <= score <= call.score_max:
        errors["score"] = [
            _("Give a score from %(low)s to %(high)s.")
            % {"low": call.score_min, "high": call.score_max}
        ]
    if confidence not in Review.Confidence.values:
        errors["confidence"] = [_("Confidence is low, medium or high.")]
    if errors:
        raise ValidationError(errors)
    review, _created = Review.objects.update_or_create(
        assignment=assignment,
        defaults={
            "score": score,
            "confidence": confidence,
            "to_authors": to_authors,
            "to_committee": to_committee,
        },
    )
    review.full_clean()
    return review


def _speaker(author: Any) -> Person:
    if author.person is not None:
        found: Person = author.person
        return found
    given, _sep, family = author.name.rpartition(" ")
    person = Person(given_name=given, family_name=family or author.name, orcid=author.orcid or None)
    if author.orcid and Person.objects.filter(orcid=author.orcid).exists():
        return Person.objects.get(orcid=author.orcid)
    person.full_clean()
    person.save()
    return person


def _into_programme(submission: Submission, *, actor: Any, kind: str) -> None:
    event = submission.call.event
    contribution = do_save_contribution(
        event,
        actor=actor,
        title=submission.title,
        kind=kind,
        duration=DURATION[kind],
        abstract=submission.abstract,
        contribution=submission.contribution,
    )
    if submission.track_id and contribution.track_id != submission.track_id:
        contribution.track_id = submission.track_id
        contribution.save(update_fields=["track"])
    presenters = [a for a in submission.authors.select_related("person") if a.presents]
    set_speakers(
        contribution, [_speaker(a) for a in presenters], [a.affiliation for a in presenters]
    )
    submission.contribution = contribution


@transaction.atomic
def do_decide(
    submissions: Iterable[Submission],
    *,
    actor: Any,
    decision: str,
    notify: Notify | None = None,
) -> list[Submission]:
    """Accept as a talk or a poster, or reject, one submission or many; accepted ones become
    contributions of the programme with their presenting authors as speakers. The mails
    leave after the commit, each in its submitter's language."""
    chosen = list(submissions)
    if decision not in {
        Submission.Decision.TALK,
        Submission.Decision.POSTER,
        Submission.Decision.REJECT,
    }:
        raise ValidationError(
            {"decision": _("Decide: accept as a talk, accept as a poster, or reject.")}
        )
    if not chosen:
        raise ValidationError({"submissions": _("Choose at least one submission.")})
    for submission in chosen:
        if not rules.can_manage(actor, submission.call.event):
            raise PermissionDenied(_("Only the event's organisers may do this."))
        if submission.call.event.is_school and decision != Submission.Decision.REJECT:
            raise ValidationError(
                {
                    "decision": _(
                        "A school's places are offered to the best ranked applications from "
                        "its selection page; here an application can only be rejected."
                    )
                }
            )
        if submission.status == Submission.Status.WITHDRAWN:
            raise ValidationError(
                {"submissions": _("Submission %(code)s was withdrawn.") % {"code": submission.code}}
            )
    for submission in chosen:
        before = audit.snapshot(submission, ["decision", "contribution_id"])
        if decision == Submission.Decision.REJECT:
            if submission.contribution is not None:
                submission.contribution.delete()
                submission.contribution = None
        else:
            _into_programme(submission, actor=actor, kind=decision)
        submission.decision = decision
        submission.save(update_fields=["decision", "contribution", "updated"])
        audit.record(
            actor=actor,
            action="review.decide",
            obj=submission,
            before=before,
            after=audit.snapshot(submission, ["decision", "contribution_id"]),
        )
        if notify is not None:
            transaction.on_commit(partial(notify, submission))
    return chosen
