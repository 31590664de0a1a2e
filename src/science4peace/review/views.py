from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.confirm import confirm_page
from science4peace.core.forms import submit
from science4peace.events.domain.access import access_event
from science4peace.events.interfaces.display import TimeZoneError, profile_zone, viewer_zone
from science4peace.lib.booktex import BuildError
from science4peace.lib.markup import render as markdown
from science4peace.review import rules
from science4peace.review.domain import (
    access,
    assignment,
    book,
    calls,
    committee,
    discussion,
    queries,
    reviews,
    submissions,
)
from science4peace.review.domain import audit as outcome
from science4peace.review.interfaces.discussion import CommentForm
from science4peace.review.interfaces.display import local_naive, when
from science4peace.review.interfaces.forms import (
    BidForm,
    CallForm,
    DecisionForm,
    DeclareForm,
    ExpertiseForm,
    PairForm,
    QuestionForm,
    ReviewForm,
    RulingForm,
    SubmissionForm,
    authors_text,
)
from science4peace.review.interfaces.mail import notifier


def _language() -> str:
    return translation.get_language() or "en"


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def call_page(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id)
    try:
        zone = viewer_zone(request, call.event)
    except TimeZoneError as error:
        raise Http404(str(error)) from error
    context = {
        "call": call,
        "event": call.event,
        "text": markdown(call.text),
        "opens": when(call.opens, zone),
        "closes": when(call.closes, zone),
        "extended": when(call.extended_until, zone),
        "event_zone": call.event.timezone,
        "profile_zone": profile_zone(request),
        "can_send": rules.can_send(request.user, call, timezone.now()),
        "is_committee": rules.is_committee(request.user, call.event),
        "can_manage": rules.can_manage(request.user, call.event),
        "mine": queries.my_submissions(request.user, call),
        "outcome_final": book.is_final(call),
    }
    return render(request, "review/call.html", context)


@login_required
def edit_call(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id, to="manage")
    call = queries.call_of(event)
    initial = {"kinds": ["talk", "poster"]}
    if call is not None:
        initial = {
            "opens": local_naive(call.opens, event.timezone),
            "closes": local_naive(call.closes, event.timezone),
            "extended_until": local_naive(call.extended_until, event.timezone),
            "kinds": call.kinds,
        }
    form = CallForm(request.POST or None, instance=call, initial=initial)
    if request.method == "POST" and submit(
        form, lambda data: calls.do_save_call(event, actor=request.user, **data)
    ):
        messages.success(request, _("The call is saved."))
        return redirect("review:call", event_id=event.pk)
    context = {"event": event, "form": form, "call": call, "question_form": QuestionForm()}
    return render(request, "review/edit_call.html", context, status=_status(form))


@login_required
@require_POST
def add_question(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    form = QuestionForm(request.POST)
    if submit(form, lambda data: calls.do_add_question(call, actor=request.user, **data)):
        messages.success(request, _("The question is added."))
        return redirect("review:edit-call", event_id=event_id)
    context = {
        "event": call.event,
        "form": CallForm(instance=call, initial={"kinds": call.kinds}),
        "call": call,
        "question_form": form,
    }
    return render(request, "review/edit_call.html", context, status=400)


@login_required
@require_POST
def remove_question(request: HttpRequest, event_id: int, question_id: int) -> HttpResponse:
    question = access.access_question(request.user, event_id, question_id)
    calls.do_remove_question(question, actor=request.user)
    messages.success(request, _("The question is removed."))
    return redirect("review:edit-call", event_id=event_id)


def _warn(request: HttpRequest, submission: Any) -> None:
    if submission.warnings:
        messages.warning(
            request,
            _(
                "The review is blind, but an author's name appears in: %(where)s. "
                "Consider removing it."
            )
            % {"where": ", ".join(submission.warnings)},
        )


@login_required
def new_submission(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id)
    allowed = rules.can_send(request.user, call, timezone.now())
    form = SubmissionForm(request.POST or None, request.FILES or None, call=call)
    done: list[Any] = []
    if request.method == "POST" and allowed:

        def action(data: dict) -> None:
            done.append(
                submissions.do_submit(
                    call, actor=request.user, language=_language(), **form.domain_data()
                )
            )

        if submit(form, action):
            messages.success(request, _("Your abstract is submitted."))
            _warn(request, done[0])
            return redirect("review:submission", pk=done[0].pk)
    status = _status(form) if allowed else 403
    return render(
        request,
        "review/submit.html",
        {"call": call, "form": form, "allowed": allowed},
        status=status,
    )


@login_required
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    own = access.access_own_submission(request.user, pk)
    editable = rules.can_edit(request.user, own, timezone.now())
    initial = {
        "title": own.title,
        "abstract": own.abstract,
        "keywords": own.keywords,
        "track": own.track_id,
        "kind": own.kind,
        "authors": authors_text(own),
        "declared_conflicts": own.declared_conflicts,
        **{f"q_{a.question_id}": a.value for a in own.answers.all()},
    }
    form = SubmissionForm(
        request.POST or None, request.FILES or None, call=own.call, initial=initial
    )
    if request.method == "POST":
        own = access.access_own_submission(request.user, pk, to="edit")

        def action(data: dict) -> None:
            submissions.do_submit(
                own.call,
                actor=request.user,
                submission=own,
                language=_language(),
                **form.domain_data(),
            )

        if submit(form, action):
            messages.success(request, _("Your changes are saved."))
            _warn(request, own)
            return redirect("review:submission", pk=own.pk)
    context = {
        "submission": own,
        "form": form,
        "editable": editable,
        "abstract": markdown(own.abstract),
        "can_withdraw": rules.can_withdraw(request.user, own),
    }
    return render(request, "review/submission.html", context, status=_status(form))


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    own = access.access_own_submission(request.user, pk, to="withdraw")
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Withdraw “%(title)s”?") % {"title": own.title},
            confirm_label=_("Withdraw"),
            cancel=reverse("review:submission", args=[own.pk]),
        )
    submissions.do_withdraw(own, actor=request.user)
    messages.success(request, _("Your abstract is withdrawn."))
    return redirect("review:submission", pk=own.pk)


@login_required
def committee_page(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="review")
    form = ExpertiseForm(
        request.POST or None, initial={"keywords": queries.expertise_of(call, request.user)}
    )
    if request.method == "POST" and submit(
        form, lambda data: committee.do_set_expertise(call, actor=request.user, **data)
    ):
        messages.success(request, _("Your keywords of expertise are saved."))
        return redirect("review:committee", event_id=event_id)
    context = {
        "call": call,
        "event": call.event,
        "form": form,
        "rows": queries.reviewer_queue(call, request.user),
        "bid_form": BidForm(),
    }
    return render(request, "review/committee.html", context, status=_status(form))


@login_required
@require_POST
def bid(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    submission = access.access_blind_submission(request.user, event_id, code)
    form = BidForm(request.POST)
    if not submit(form, lambda data: committee.do_bid(submission, actor=request.user, **data)):
        return HttpResponse(_("Bid eager, willing or not willing."), status=400)
    if request.htmx:
        rows = [r for r in queries.reviewer_queue(submission.call, request.user) if r.code == code]
        return render(
            request,
            "review/committee.html#row",
            {"row": rows[0], "call": submission.call, "bid_form": BidForm()},
        )
    return redirect("review:committee", event_id=event_id)


@login_required
def declare(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    submission = access.access_blind_submission(request.user, event_id, code)
    form = DeclareForm(request.POST or None)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Declare a conflict of interest with %(code)s? It leaves your list.")
            % {"code": code},
            confirm_label=_("Declare"),
            cancel=reverse("review:committee", args=[event_id]),
            form=form,
        )
    if submit(
        form, lambda data: committee.do_declare_conflict(submission, actor=request.user, **data)
    ):
        messages.success(request, _("The conflict is recorded."))
        return redirect("review:committee", event_id=event_id)
    return confirm_page(
        request,
        question=_("Declare a conflict of interest with %(code)s? It leaves your list.")
        % {"code": code},
        confirm_label=_("Declare"),
        cancel=reverse("review:committee", args=[event_id]),
        form=form,
        status=400,
    )


@login_required
def review_page(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    mine = access.access_assignment(request.user, event_id, code)
    submission = mine.submission
    existing = queries.review_of(mine)
    initial = (
        {
            "score": existing.score,
            "confidence": existing.confidence,
            "to_authors": existing.to_authors,
            "to_committee": existing.to_committee,
        }
        if existing
        else {"confidence": 2}
    )
    form = ReviewForm(request.POST or None, call=submission.call, initial=initial)
    if request.method == "POST" and submit(
        form, lambda data: reviews.do_review(mine, actor=request.user, **data)
    ):
        messages.success(request, _("Your review is saved."))
        return redirect("review:review", event_id=event_id, code=code)
    view = queries.blind(submission, request.user)
    context = {
        "call": submission.call,
        "event": submission.call.event,
        "view": view,
        "abstract": markdown(view.abstract),
        "form": form,
        "reviews": queries.reviews_seen_by(submission, request.user),
    }
    return render(request, "review/review.html", context, status=_status(form))


@login_required
def review_pdf(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    submission = access.access_pdf(request.user, event_id, code)
    if not submission.pdf:
        raise Http404(_("This submission has no PDF."))
    return FileResponse(
        submission.pdf.open("rb"), content_type="application/pdf", filename=f"{submission.code}.pdf"
    )


def _manage_context(call: Any, **forms: Any) -> dict[str, Any]:
    reviewers = queries.reviewer_choices(call)
    return {
        "call": call,
        "event": call.event,
        "table": queries.review_table(call),
        "assignments": queries.assignment_rows(call),
        "conflicts": queries.conflict_rows(call),
        "pair_form": forms.get("pair_form") or PairForm(reviewers=reviewers),
        "ruling_form": forms.get("ruling_form") or RulingForm(reviewers=reviewers),
        "decision_form": forms.get("decision_form") or DecisionForm(school=call.event.is_school),
        "assign_error": forms.get("assign_error", ""),
    }


@login_required
def manage(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    return render(request, "review/manage.html", _manage_context(call))


@login_required
@require_POST
def assign(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    try:
        result = assignment.do_assign(call, actor=request.user)
    except ValidationError as error:
        return render(
            request,
            "review/manage.html",
            _manage_context(call, assign_error=" ".join(error.messages)),
            status=400,
        )
    messages.success(
        request,
        _("%(n)s pairs assigned; weight %(value)s of at most %(bound)s; largest load %(load)s.")
        % {
            "n": len(result.pairs),
            "value": round(result.objective, 2),
            "bound": round(result.bound, 2),
            "load": result.max_load,
        },
    )
    return redirect("review:manage", event_id=event_id)


@login_required
@require_POST
def pair(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    form = PairForm(request.POST, reviewers=queries.reviewer_choices(call))

    def action(data: dict) -> None:
        submission = access.access_blind_submission(
            request.user, event_id, data["code"].upper(), to="manage"
        )
        if data["remove"]:
            assignment.do_remove_assignment(
                submission, actor=request.user, reviewer_id=data["reviewer"]
            )
        else:
            assignment.do_add_assignment(
                submission,
                actor=request.user,
                reviewer=access.access_reviewer(request.user, call, data["reviewer"]),
            )

    if submit(form, action):
        messages.success(request, _("The assignment is changed."))
        return redirect("review:manage", event_id=event_id)
    return render(request, "review/manage.html", _manage_context(call, pair_form=form), status=400)


@login_required
@require_POST
def ruling(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    form = RulingForm(request.POST, reviewers=queries.reviewer_choices(call))

    def action(data: dict) -> None:
        submission = access.access_blind_submission(
            request.user, event_id, data["code"].upper(), to="manage"
        )
        committee.do_rule_conflict(
            submission,
            actor=request.user,
            reviewer=access.access_reviewer(request.user, call, data["reviewer"]),
            lift=data["lift"],
            reason=data["reason"],
        )

    if submit(form, action):
        messages.success(request, _("The conflict is updated."))
        return redirect("review:manage", event_id=event_id)
    return render(
        request, "review/manage.html", _manage_context(call, ruling_form=form), status=400
    )


@login_required
@require_POST
def decide(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    form = DecisionForm(request.POST, school=call.event.is_school)
    notify = notifier(request.build_absolute_uri("/"))

    def action(data: dict) -> None:
        chosen = queries.submissions_by_code(call, data["codes"])
        reviews.do_decide(chosen, actor=request.user, decision=data["decision"], notify=notify)

    if submit(form, action):
        messages.success(request, _("The decisions are recorded and the mails are sent."))
        return redirect("review:manage", event_id=event_id)
    return render(
        request, "review/manage.html", _manage_context(call, decision_form=form), status=400
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def book_tex(request: HttpRequest, event_id: int) -> HttpResponse:
    call = book.access_book(request.user, event_id)
    source = book.book_tex(call)
    return _download(source.encode(), "application/x-tex; charset=utf-8", "book.tex")


def book_pdf(request: HttpRequest, event_id: int) -> HttpResponse:
    call = book.access_book(request.user, event_id)
    try:
        content = book.book_pdf(call)
    except BuildError:
        return render(
            request, "review/book_error.html", {"call": call, "event": call.event}, status=503
        )
    return _download(content, "application/pdf", "book.pdf")


def audit_page(request: HttpRequest, event_id: int) -> HttpResponse:
    call = outcome.access_audit(request.user, event_id)
    context = {
        "call": call,
        "event": call.event,
        "audit": outcome.outcome_audit(call),
        "min_group": outcome.MIN_GROUP,
    }
    return render(request, "review/audit.html", context)


@login_required
def discussion_page(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    submission = discussion.access_discussion(request.user, event_id, code)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and submit(
        form, lambda data: discussion.do_comment(submission, actor=request.user, **data)
    ):
        messages.success(request, _("Your comment is added."))
        return redirect("review:discussion", event_id=event_id, code=submission.code)
    context = {
        "call": submission.call,
        "event": submission.call.event,
        "view": queries.blind(submission, request.user),
        "comments": discussion.discussion_of(submission, request.user),
        "form": form,
    }
    return render(request, "review/discussion.html", context, status=_status(form))
