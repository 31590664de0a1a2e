from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router, Status

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId
from science4peace.lib.booktex import BuildError
from science4peace.people.interfaces.auth import TokenAuth, optional_user
from science4peace.review import rules
from science4peace.review.domain import (
    access,
    assignment,
    book,
    committee,
    discussion,
    queries,
    reviews,
    schools,
    submissions,
)
from science4peace.review.domain import audit as outcome
from science4peace.review.domain.submissions import AuthorIn
from science4peace.review.interfaces.discussion import CommentIn, CommentOut
from science4peace.review.interfaces.mail import notifier
from science4peace.review.interfaces.outcome import OutcomeAuditOut, file_response
from science4peace.review.interfaces.schemas import (
    AssignmentOut,
    BidIn,
    BlindOut,
    BlindRowOut,
    CallOut,
    ReviewDecisionIn,
    ReviewIn,
    ReviewOut,
    SubmissionIn,
    SubmissionOut,
    TableRowOut,
)
from science4peace.review.interfaces.school_schemas import (
    OfferAnswerIn,
    OfferOut,
    SchoolIn,
    SchoolOut,
    answer_rows,
    offer_state,
    question_rows,
)
from science4peace.review.models import Submission

router = Router(tags=["review"])
READ = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE = {400: ErrorOut, **READ}


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"


@router.get("/review/events/{int:event_id}/call", response={200: CallOut, 404: ErrorOut})
def get_call(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    call = access.access_call(request.user, event_id)
    return {
        "event": call.event_id,
        "opens": call.opens,
        "closes": call.closes,
        "extended_until": call.extended_until,
        "event_timezone": call.event.timezone,
        "kinds": call.kinds,
        "blindness": call.blindness,
        "score_min": call.score_min,
        "score_max": call.score_max,
        "abstract_limit": call.abstract_limit,
        "open": rules.is_open(call, timezone.now()),
    }


def _own(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "code": submission.code,
        "title": submission.title,
        "abstract": submission.abstract,
        "keywords": submission.keywords,
        "kind": submission.kind,
        "status": submission.status,
        "decision": submission.decision,
        "warnings": submission.warnings,
        "authors": queries.authors_of(submission),
    }


@router.post(
    "/review/events/{int:event_id}/submissions",
    auth=TokenAuth(),
    response={201: SubmissionOut, **WRITE},
)
def create_submission(
    request: HttpRequest, event_id: ObjectId, payload: SubmissionIn
) -> Status[Any]:
    """Submit an abstract (the PDF is added on the page)."""
    call = access.access_call(request.user, event_id)
    data = payload.dict()
    track = queries.track_of(call, data.pop("track"))
    authors = [AuthorIn(**a) for a in data.pop("authors")]
    data["answers"] = _answers(data["answers"])
    submission = submissions.do_submit(
        call, actor=request.user, track=track, authors=authors, language=_language(request), **data
    )
    return Status(201, _own(submission))


def _answers(answers: dict[str, str]) -> dict[int, str]:
    """Answers keyed by question id; a key that is no id names no question of the call."""
    unknown = sorted(key for key in answers if not key.isascii() or not key.isdigit())
    if unknown:
        raise ValidationError(
            {"answers": _("No question has the id %(ids)s.") % {"ids": ", ".join(unknown)}}
        )
    return {int(key): value for key, value in answers.items()}


@router.get(
    "/review/submissions/{int:submission_id}",
    auth=TokenAuth(),
    response={200: SubmissionOut, **READ},
)
def get_own_submission(request: HttpRequest, submission_id: ObjectId) -> dict[str, Any]:
    return _own(access.access_own_submission(request.user, submission_id))


@router.get(
    "/review/events/{int:event_id}/queue",
    auth=TokenAuth(),
    response={200: list[BlindRowOut], **READ},
)
def queue(request: HttpRequest, event_id: ObjectId) -> Any:
    """The submissions a committee member may bid on; the same list as the committee page."""
    call = access.access_call(request.user, event_id, to="review")
    return queries.reviewer_queue(call, request.user)


@router.post(
    "/review/events/{int:event_id}/submissions/{code}/bid",
    auth=TokenAuth(),
    response={200: BlindRowOut, **WRITE},
)
def bid(request: HttpRequest, event_id: ObjectId, code: str, payload: BidIn) -> Any:
    submission = access.access_blind_submission(request.user, event_id, code[:8])
    committee.do_bid(submission, actor=request.user, level=payload.level)
    return next(
        r
        for r in queries.reviewer_queue(submission.call, request.user)
        if r.code == submission.code
    )


@router.get(
    "/review/events/{int:event_id}/submissions/{code}",
    auth=TokenAuth(),
    response={200: BlindOut, **READ},
)
def blind_submission(request: HttpRequest, event_id: ObjectId, code: str) -> Any:
    """A submission as its assigned reviewer sees it (no authors in a double-blind call)."""
    submission = access.access_assignment(request.user, event_id, code[:8]).submission
    return queries.blind(submission, request.user)


@router.get(
    "/review/events/{int:event_id}/submissions/{code}/reviews",
    auth=TokenAuth(),
    response={200: list[ReviewOut], **READ},
)
def list_reviews(request: HttpRequest, event_id: ObjectId, code: str) -> Any:
    """The reviews a reviewer may read: none before their own, the others unnamed."""
    submission = access.access_assignment(request.user, event_id, code[:8]).submission
    return queries.reviews_seen_by(submission, request.user)


@router.post(
    "/review/events/{int:event_id}/submissions/{code}/review",
    auth=TokenAuth(),
    response={200: list[ReviewOut], **WRITE},
)
def write_review(request: HttpRequest, event_id: ObjectId, code: str, payload: ReviewIn) -> Any:
    mine = access.access_assignment(request.user, event_id, code[:8])
    reviews.do_review(mine, actor=request.user, **payload.dict())
    return queries.reviews_seen_by(mine.submission, request.user)


@router.get(
    "/review/events/{int:event_id}/table",
    auth=TokenAuth(),
    response={200: list[TableRowOut], **READ},
)
def table(request: HttpRequest, event_id: ObjectId) -> Any:
    """The organisers' table: the same rows as the management page."""
    call = access.access_call(request.user, event_id, to="manage")
    return [
        {
            "code": r.submission.code,
            "title": r.submission.title,
            "status": r.submission.status,
            "decision": r.submission.decision,
            "reviews": r.reviews,
            "assigned": r.assigned,
            "mean": r.mean,
            "spread": r.spread,
            "stdev": r.stdev,
            "disagreement": r.disagreement,
        }
        for r in queries.review_table(call)
    ]


@router.post(
    "/review/events/{int:event_id}/assign",
    auth=TokenAuth(),
    response={200: AssignmentOut, **WRITE},
)
def assign(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    """Assign reviewers with the optimiser; 400 names the submissions that cannot be covered."""
    call = access.access_call(request.user, event_id, to="manage")
    result = assignment.do_assign(call, actor=request.user)
    return {
        "pairs": len(result.pairs),
        "objective": result.objective,
        "bound": result.bound,
        "max_load": result.max_load,
    }


@router.post(
    "/review/events/{int:event_id}/decisions",
    auth=TokenAuth(),
    response={200: list[TableRowOut], **WRITE},
)
def decide(request: HttpRequest, event_id: ObjectId, payload: ReviewDecisionIn) -> Any:
    call = access.access_call(request.user, event_id, to="manage")
    chosen = queries.submissions_by_code(call, [c.strip().upper() for c in payload.codes])
    reviews.do_decide(
        chosen,
        actor=request.user,
        decision=payload.decision,
        notify=notifier(request.build_absolute_uri("/")),
    )
    return table(request, event_id)


@router.get(
    "/review/events/{int:event_id}/book.tex",
    response={200: None, **READ},
    description="The book of abstracts as LaTeX source: for the organisers, and for everyone "
    "who sees the event once every submission is decided.",
    openapi_extra=file_response("application/x-tex", "The LaTeX source"),
)
def book_tex(request: HttpRequest, event_id: ObjectId) -> Any:
    call = book.access_book(optional_user(request), event_id)
    return HttpResponse(
        book.book_tex(call).encode(), content_type="application/x-tex; charset=utf-8"
    )


@router.get(
    "/review/events/{int:event_id}/book.pdf",
    response={200: None, **READ, 503: ErrorOut},
    description="The book of abstracts as PDF (pdflatex); 503 when it cannot be built.",
    openapi_extra=file_response("application/pdf", "The PDF"),
)
def book_pdf(request: HttpRequest, event_id: ObjectId) -> Any:
    call = book.access_book(optional_user(request), event_id)
    try:
        return HttpResponse(book.book_pdf(call), content_type="application/pdf")
    except BuildError:
        return Status(503, {"detail": _("The PDF could not be built just now.")})


@router.get("/review/events/{int:event_id}/audit", response={200: OutcomeAuditOut, **READ})
def audit(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    """Acceptance by UN geoscheme region of the submitters' institutions and by first-time
    against returning submitters, groups under 5 suppressed; once every submission is decided."""
    call = outcome.access_audit(optional_user(request), event_id)
    found = outcome.outcome_audit(call)

    def rows(groups: Any) -> list[dict[str, Any]]:
        return [{**vars(g), "suppressed": g.suppressed} for g in groups]

    return {
        "submitted": found.submitted,
        "accepted": found.accepted,
        "rate": found.rate,
        "min_group": outcome.MIN_GROUP,
        "regions": rows(found.regions),
        "subregions": rows(found.subregions),
        "history": rows(found.history),
    }


@router.get(
    "/review/events/{int:event_id}/submissions/{code}/discussion",
    auth=TokenAuth(),
    response={200: list[CommentOut], **READ},
)
def read_discussion(request: HttpRequest, event_id: ObjectId, code: str) -> Any:
    """The discussion of a submission: for its reviewers once their review is in, and the
    chairs; co-reviewers unnamed unless the call is open."""
    submission = discussion.access_discussion(request.user, event_id, code[:8])
    return discussion.discussion_of(submission, request.user)


@router.post(
    "/review/events/{int:event_id}/submissions/{code}/discussion",
    auth=TokenAuth(),
    response={201: list[CommentOut], **WRITE},
)
def add_comment(request: HttpRequest, event_id: ObjectId, code: str, payload: CommentIn) -> Any:
    submission = discussion.access_discussion(request.user, event_id, code[:8])
    discussion.do_comment(submission, actor=request.user, text=payload.text)
    return Status(201, discussion.discussion_of(submission, request.user))


def _school(call: Any, school: Any) -> dict[str, Any]:
    return {
        "event": call.event_id,
        "places": school.places,
        "confirm_days": school.confirm_days,
        "applications_close": call.deadline,
        "questions": question_rows(queries.follow_up_questions(school)),
        "ranking": [
            {
                "rank": row.rank,
                "code": row.submission.code,
                "title": row.submission.title,
                "mean": row.mean,
                "reviews": row.reviews,
                "offer": offer_state(row.offer),
                "answers": answer_rows(row.answers),
            }
            for row in queries.ranking(call)
        ],
    }


@router.get(
    "/review/events/{int:event_id}/school",
    auth=TokenAuth(),
    response={200: SchoolOut, **READ},
)
def get_school(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    """A school's selection for its organisers: places, follow-up questions and the ranked
    applications with their offers (the same list as the selection page)."""
    school = schools.access_school(request.user, event_id)
    return _school(school.call, school)


@router.put(
    "/review/events/{int:event_id}/school",
    auth=TokenAuth(),
    response={200: SchoolOut, **WRITE},
)
def save_school(request: HttpRequest, event_id: ObjectId, payload: SchoolIn) -> dict[str, Any]:
    """Make the school's call a selection, or change its places and days to confirm."""
    call = access.access_call(request.user, event_id, to="manage")
    school = schools.do_save_school(call, actor=request.user, **payload.dict())
    return _school(call, school)


@router.post(
    "/review/events/{int:event_id}/school/offers",
    auth=TokenAuth(),
    response={200: SchoolOut, **WRITE},
)
def offer_places(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    """Offer the free places to the best ranked applicants (after the application deadline);
    each is told by mail."""
    school = schools.access_school(request.user, event_id)
    schools.do_offer_places(school, actor=request.user)
    return _school(school.call, school)


def _offer(offer: Any) -> dict[str, Any]:
    event = offer.school.call.event
    return {
        "id": offer.pk,
        "event": event.pk,
        "event_title": event.title,
        "status": offer.status,
        "deadline": offer.deadline,
        "consent_text": event.consent_text,
        "questions": question_rows(queries.follow_up_questions(offer.school)),
        "answers": answer_rows(queries.answers_of_offer(offer)),
    }


@router.get("/review/offers/{int:offer_id}", auth=TokenAuth(), response={200: OfferOut, **READ})
def get_offer(request: HttpRequest, offer_id: ObjectId) -> dict[str, Any]:
    """A place offered to the caller, with the follow-up questions to answer."""
    return _offer(schools.access_offer(request.user, offer_id))


@router.post(
    "/review/offers/{int:offer_id}/answer",
    auth=TokenAuth(),
    response={200: OfferOut, **WRITE},
)
def answer_offer(request: HttpRequest, offer_id: ObjectId, payload: OfferAnswerIn) -> Any:
    """Confirm (``attend``, with consent and the required answers) or decline the place
    before its deadline; a declined place goes to the next applicant."""
    offer = schools.access_offer(request.user, offer_id)
    answered, _made = schools.do_answer_offer(
        offer,
        actor=request.user,
        attend=payload.attend,
        consent=payload.consent,
        answers=_answers(payload.answers),
    )
    return _offer(schools.access_offer(request.user, answered.pk))
