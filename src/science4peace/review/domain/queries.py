"""Reads of the review app: the same function feeds a page, its fragment and its API answer.
What reviewers get (``blind``) is built here field by field, so no author's name,
affiliation, ORCID or e-mail can reach them in a double-blind call."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from science4peace.events.models import Track
from science4peace.institutions.models import Institution
from science4peace.lib import conflicts as lib
from science4peace.papers.models import Paper
from science4peace.people.domain.queries import person_of
from science4peace.projects.models import Project
from science4peace.review import rules
from science4peace.review.domain import conflicts
from science4peace.review.models import (
    Assignment,
    Bid,
    Call,
    Expertise,
    FollowUpQuestion,
    Offer,
    Review,
    School,
    Submission,
)


def call_of(event: Any) -> Call | None:
    return Call.objects.filter(event=event).first()


def my_submissions(user: Any, call: Call | None = None) -> QuerySet[Submission]:
    if not user.is_authenticated:
        return Submission.objects.none()
    rows = Submission.objects.filter(submitter=user).select_related("call__event", "track")
    return rows.filter(call=call) if call is not None else rows


def authors_of(submission: Submission) -> list[Any]:
    return list(submission.authors.all())


def answers_of(submission: Submission) -> list[tuple[str, str]]:
    return [(a.question.label, a.value) for a in submission.answers.select_related("question")]


@dataclass(frozen=True)
class BlindRow:
    code: str
    title: str
    keywords: str
    track: str
    kind: str
    bid: str = ""
    assigned: bool = False
    reviewed: bool = False


def reviewer_queue(call: Call, user: Any) -> list[BlindRow]:
    """The submissions a committee member may bid on: all but those they have a conflict
    with (which they never learn exist) and the withdrawn."""
    subs = list(
        call.submissions.exclude(status=Submission.Status.WITHDRAWN)
        .select_related("track")
        .order_by("created", "id")
    )
    found = conflicts.find(call, submissions=subs, reviewers=[user.pk])
    bids = dict(
        Bid.objects.filter(reviewer=user, submission__call=call).values_list(
            "submission_id", "level"
        )
    )
    mine = {
        a.submission_id: hasattr(a, "review")
        for a in Assignment.objects.filter(reviewer=user, submission__call=call).select_related(
            "review"
        )
    }
    return [
        BlindRow(
            s.code,
            s.title,
            s.keywords,
            s.track.name if s.track else "",
            s.kind,
            bids.get(s.pk, ""),
            s.pk in mine,
            mine.get(s.pk, False),
        )
        for s in subs
        if (s.pk, user.pk) not in found
    ]


def expertise_of(call: Call, user: Any) -> str:
    found = Expertise.objects.filter(event_id=call.event_id, reviewer=user).first()
    return found.keywords if found else ""


@dataclass(frozen=True)
class BlindAuthor:
    name: str
    orcid: str
    affiliation: str
    presents: bool


@dataclass(frozen=True)
class BlindView:
    """A submission as a committee member sees it. ``authors`` and ``answers`` are empty in
    a double-blind call."""

    code: str
    title: str
    abstract: str
    keywords: str
    track: str
    kind: str
    has_pdf: bool
    authors: list[BlindAuthor] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)


def blind(submission: Submission, viewer: Any) -> BlindView:
    open_names = rules.sees_authors(viewer, submission)
    return BlindView(
        code=submission.code,
        title=submission.title,
        abstract=submission.abstract,
        keywords=submission.keywords,
        track=submission.track.name if submission.track else "",
        kind=submission.kind,
        has_pdf=bool(submission.pdf),
        authors=[
            BlindAuthor(a.name, a.orcid, a.affiliation, a.presents) for a in authors_of(submission)
        ]
        if open_names
        else [],
        answers=answers_of(submission) if open_names else [],
    )


@dataclass(frozen=True)
class ReviewRow:
    reviewer: str
    score: int
    confidence: int
    to_authors: str
    to_committee: str
    own: bool


def reviews_seen_by(submission: Submission, viewer: Any) -> list[ReviewRow]:
    """The reviews of a submission a reviewer may read: none before their own is in; the
    others labelled "Reviewer 1, 2, ..." unless the call is open (or the viewer organises)."""
    rows = list(
        Review.objects.filter(assignment__submission=submission)
        .select_related("assignment__reviewer__person")
        .order_by("assignment_id")
    )
    manager = rules.can_manage(viewer, submission.call.event)
    if not manager and not any(r.assignment.reviewer_id == viewer.pk for r in rows):
        return []
    names = rules.sees_reviewers(viewer, submission)
    return [
        ReviewRow(
            _name(r.assignment.reviewer)
            if names or r.assignment.reviewer_id == viewer.pk
            else _("Reviewer %(n)s") % {"n": n},
            r.score,
            r.confidence,
            r.to_authors,
            r.to_committee,
            r.assignment.reviewer_id == viewer.pk,
        )
        for n, r in enumerate(rows, start=1)
    ]


def _name(user: Any) -> str:
    person = person_of(user)
    return person.display_name if person else user.get_username()


def review_of(assignment: Assignment) -> Review | None:
    return Review.objects.filter(assignment=assignment).first()


@dataclass(frozen=True)
class TableRow:
    submission: Submission
    reviews: int
    assigned: int
    mean: float | None
    spread: int | None
    stdev: float | None
    disagreement: bool


def review_table(call: Call) -> list[TableRow]:
    """Every submission with the mean, spread (highest minus lowest) and standard deviation
    of its scores; ``disagreement`` when the spread reaches half the scale. One query for
    the submissions, one for the scores."""
    subs = list(call.submissions.select_related("track").order_by("created", "id"))
    scores: dict[int, list[int]] = {}
    assigned: dict[int, int] = {}
    for sid, score in Assignment.objects.filter(submission__call=call).values_list(
        "submission_id", "review__score"
    ):
        assigned[sid] = assigned.get(sid, 0) + 1
        if score is not None:
            scores.setdefault(sid, []).append(score)
    half = (call.score_max - call.score_min) / 2
    rows = []
    for s in subs:
        given = scores.get(s.pk, [])
        spread = max(given) - min(given) if given else None
        rows.append(
            TableRow(
                s,
                len(given),
                assigned.get(s.pk, 0),
                round(statistics.fmean(given), 2) if given else None,
                spread,
                round(statistics.pstdev(given), 2) if given else None,
                spread is not None and len(given) > 1 and spread >= half,
            )
        )
    return rows


@dataclass(frozen=True)
class ConflictRow:
    submission: str
    reviewer_id: int
    reviewer: str
    reasons: list[str]


def _names(reasons: list[lib.Reason]) -> dict[str, dict[Any, str]]:
    ids = {
        c: {r.ref for r in reasons if r.code == c}
        for c in (lib.INSTITUTION, lib.COAUTHOR, lib.PROJECT)
    }
    return {
        lib.INSTITUTION: dict(
            Institution.objects.filter(pk__in=ids[lib.INSTITUTION]).values_list("pk", "name")
        ),
        lib.COAUTHOR: dict(
            Paper.objects.filter(pk__in=ids[lib.COAUTHOR]).values_list("pk", "title")
        ),
        lib.PROJECT: dict(
            Project.objects.filter(pk__in=ids[lib.PROJECT]).values_list("pk", "title")
        ),
    }


def reason_text(r: lib.Reason, names: dict[str, dict[Any, str]]) -> str:
    """A conflict's reason in words, naming what is shared (never a country)."""
    name = names.get(r.code, {}).get(r.ref, str(r.ref))
    if r.code == lib.SAME_PERSON:
        return _("the reviewer is an author")
    if r.code == lib.INSTITUTION:
        return _("same institution in the last three years: %(name)s") % {"name": name}
    if r.code == lib.COAUTHOR:
        return _("co-authors of “%(title)s” (at most 25 authors, last three years)") % {
            "title": name
        }
    if r.code == lib.PROJECT:
        return _("members of the project “%(title)s”") % {"title": name}
    if r.code == lib.ADDED:
        return _("added by the organisers")
    if r.ref == "authors":
        return _("declared by the authors")
    return _("declared by the reviewer")


def conflict_rows(call: Call) -> list[ConflictRow]:
    """Every conflict of the call with its reasons, for the organisers."""
    found = conflicts.find(call)
    codes = dict(call.submissions.values_list("pk", "code"))
    people = {p.user: p.name for p in conflicts.reviewer_pool(call)}
    names = _names([r for rs in found.values() for r in rs])
    return [
        ConflictRow(
            codes[sid], uid, people.get(uid) or str(uid), [reason_text(r, names) for r in rs]
        )
        for (sid, uid), rs in sorted(
            found.items(), key=lambda item: (codes[item[0][0]], item[0][1])
        )
    ]


@dataclass(frozen=True)
class AssignmentRow:
    code: str
    reviewer_id: int
    reviewer: str
    explanation: str
    by_hand: bool
    reviewed: bool


def assignment_rows(call: Call) -> list[AssignmentRow]:
    names = {p.user: p.name for p in conflicts.reviewer_pool(call)}
    rows = Assignment.objects.filter(submission__call=call).select_related(
        "submission", "review", "reviewer"
    )
    return [
        AssignmentRow(
            a.submission.code,
            a.reviewer_id,
            names.get(a.reviewer_id) or a.reviewer.get_username(),
            a.explanation,
            a.by_hand,
            hasattr(a, "review"),
        )
        for a in rows.order_by("submission__created", "submission_id", "id")
    ]


def reviewer_choices(call: Call) -> list[tuple[int, str]]:
    return [(p.user, p.name or str(p.user)) for p in conflicts.reviewer_pool(call)]


def submissions_by_code(call: Call, codes: list[str]) -> list[Submission]:
    found = list(call.submissions.filter(code__in=codes).select_related("call__event"))
    missing = sorted(set(codes) - {s.code for s in found})
    if missing:
        raise ValidationError(
            {"submissions": _("No such submissions: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return found


def track_of(call: Call, track_id: int | None) -> Any:
    """A track of the call's event, for the API's track id."""
    if track_id is None:
        return None
    track = Track.objects.filter(event_id=call.event_id, pk=track_id).first()
    if track is None:
        raise ValidationError({"track": _("No such track in this event.")})
    return track


@dataclass(frozen=True)
class RankRow:
    rank: int
    submission: Submission
    mean: float
    reviews: int
    offer: Any
    answers: list[tuple[str, str]] = field(default_factory=list)


def ranking(call: Call) -> list[RankRow]:
    """The scored submissions (a school's applications), neither withdrawn nor rejected by
    the committee, ranked by mean score, then by more reviews, then first sent: the order
    places are offered in. Reads scores and decisions only (invariant 1)."""
    rows = [
        r
        for r in review_table(call)
        if r.mean is not None
        and r.submission.status != Submission.Status.WITHDRAWN
        and r.submission.decision != Submission.Decision.REJECT
    ]
    rows.sort(key=lambda r: (-(r.mean or 0), -r.reviews, r.submission.created, r.submission.pk))
    offers = {o.submission_id: o for o in Offer.objects.filter(submission__call=call)}
    questions = list(FollowUpQuestion.objects.filter(school__call=call))

    def answers(offer: Any) -> list[tuple[str, str]]:
        if offer is None or offer.status != Offer.Status.CONFIRMED:
            return []
        return [(q.label, offer.answers.get(str(q.pk), "")) for q in questions]

    return [
        RankRow(
            n,
            r.submission,
            r.mean or 0.0,
            r.reviews,
            offers.get(r.submission.pk),
            answers(offers.get(r.submission.pk)),
        )
        for n, r in enumerate(rows, start=1)
    ]


def follow_up_questions(school: Any) -> list[Any]:
    return list(school.questions.all())


def answers_of_offer(offer: Any) -> list[tuple[str, str]]:
    """The follow-up answers of a confirmed place, as (question, answer)."""
    return [(q.label, offer.answers.get(str(q.pk), "")) for q in offer.school.questions.all()]


def school_of(call: Call) -> Any:
    """The selection of a school's call, or None."""
    return School.objects.filter(call=call).first()
