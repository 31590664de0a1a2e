"""Assigning reviewers: the weights of every conflict-free pair (shared keywords of expertise
and the reviewer's bid) go to the MILP of ``lib.review_assignment``; the organisers then add or
remove pairs by hand, and every pair keeps the explanation of why it was chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.lib import review_assignment as lib
from science4peace.review import rules
from science4peace.review.domain import conflicts
from science4peace.review.models import Assignment, Bid, Call, Expertise, Submission


@dataclass(frozen=True)
class Weighing:
    weights: dict[tuple[int, int], float]
    explanations: dict[tuple[int, int], str]


def open_submissions(call: Call) -> list[Submission]:
    return list(
        call.submissions.filter(status=Submission.Status.SUBMITTED, decision="").order_by(
            "created", "id"
        )
    )


def weigh(call: Call, submissions: list[Submission], reviewers: list[int]) -> Weighing:
    """Weights and explanations of every pair without a conflict."""
    found = conflicts.find(call, submissions=submissions)
    expertise = {
        e.reviewer_id: lib.normalise_keywords(e.keywords)
        for e in Expertise.objects.filter(event_id=call.event_id, reviewer_id__in=reviewers)
    }
    bids = {
        (b.submission_id, b.reviewer_id): b.level
        for b in Bid.objects.filter(submission__in=[s.pk for s in submissions])
    }
    labels = dict(Bid.Level.choices)
    weights: dict[tuple[int, int], float] = {}
    explanations: dict[tuple[int, int], str] = {}
    for s in submissions:
        keywords = lib.normalise_keywords(s.keywords)
        for r in reviewers:
            if (s.pk, r) in found:
                continue
            shared = sorted(keywords & expertise.get(r, frozenset()))
            bid = bids.get((s.pk, r), "")
            weights[(s.pk, r)] = lib.weight(len(shared), bid)
            explanations[(s.pk, r)] = "; ".join(
                [
                    _("shared keywords: %(k)s") % {"k": ", ".join(shared)}
                    if shared
                    else _("no shared keywords"),
                    _("bid: %(b)s") % {"b": labels[bid]} if bid else _("no bid"),
                    _("no conflict"),
                ]
            )
    return Weighing(weights, explanations)


def _require_manager(actor: Any, call: Call) -> None:
    if not rules.can_manage(actor, call.event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


@transaction.atomic
def do_assign(call: Call, *, actor: Any) -> lib.Result:
    """Replace the solver's assignments of undecided submissions; pairs added by hand and
    pairs already reviewed stay. A clear error names the submissions that cannot be covered,
    and nothing changes."""
    _require_manager(actor, call)
    submissions = open_submissions(call)
    reviewers = [p.user for p in conflicts.reviewer_pool(call)]
    weighing = weigh(call, submissions, reviewers)
    current = Assignment.objects.filter(submission__in=[s.pk for s in submissions])
    keep = {
        (a.submission_id, a.reviewer_id)
        for a in current.select_related("review")
        if a.by_hand or hasattr(a, "review")
    }
    keep &= set(weighing.weights)
    try:
        result = lib.assign(
            [s.pk for s in submissions],
            reviewers,
            weighing.weights,
            k=call.reviewers_per_submission,
            max_load=call.max_load,
            keep=keep,
        )
    except lib.Uncoverable as error:
        codes = {s.pk: s.code for s in submissions}
        if error.submissions:
            message = _(
                "These submissions cannot get %(k)s reviewers without a conflict within the load "
                "limit of %(load)s: %(codes)s."
            ) % {
                "k": call.reviewers_per_submission,
                "load": call.max_load,
                "codes": ", ".join(codes[s] for s in error.submissions),
            }
        else:
            message = _(
                "%(need)s reviews are needed but %(n)s reviewers with at most %(load)s each can "
                "give only %(can)s."
            ) % {
                "need": call.reviewers_per_submission * len(submissions),
                "n": len(reviewers),
                "load": call.max_load,
                "can": call.max_load * len(reviewers),
            }
        raise ValidationError(message) from error
    chosen = set(result.pairs)
    current.exclude(by_hand=True).filter(review__isnull=True).delete()
    existing = set(
        Assignment.objects.filter(submission__in=[s.pk for s in submissions]).values_list(
            "submission_id", "reviewer_id"
        )
    )
    Assignment.objects.bulk_create(
        Assignment(
            submission_id=s,
            reviewer_id=r,
            explanation=weighing.explanations[(s, r)][:500],
        )
        for s, r in sorted(chosen - existing)
    )
    audit.record(
        actor=actor,
        action="review.assign",
        obj=call,
        after={
            "pairs": len(result.pairs),
            "objective": result.objective,
            "bound": result.bound,
            "max_load": result.max_load,
        },
    )
    return result


@transaction.atomic
def do_add_assignment(submission: Submission, *, actor: Any, reviewer: Any) -> Assignment:
    _require_manager(actor, submission.call)
    if not rules.is_committee(reviewer, submission.call.event):
        raise ValidationError({"reviewer": _("This person is not on the programme committee.")})
    found = conflicts.find(submission.call, submissions=[submission], reviewers=[reviewer.pk])
    if found:
        raise ValidationError({"reviewer": _("This reviewer has a conflict with this submission.")})
    assignment, _created = Assignment.objects.get_or_create(
        submission=submission,
        reviewer=reviewer,
        defaults={"by_hand": True, "explanation": _("chosen by the organisers")},
    )
    audit.record(
        actor=actor,
        action="review.assignment.add",
        obj=assignment,
        after=audit.snapshot(assignment),
    )
    return assignment


@transaction.atomic
def do_remove_assignment(submission: Submission, *, actor: Any, reviewer_id: int) -> None:
    _require_manager(actor, submission.call)
    assignment = Assignment.objects.filter(submission=submission, reviewer_id=reviewer_id).first()
    if assignment is None:
        raise ValidationError({"reviewer": _("This reviewer is not assigned to this submission.")})
    audit.record(
        actor=actor,
        action="review.assignment.remove",
        obj=assignment,
        before=audit.snapshot(assignment),
    )
    assignment.delete()
