"""Pages of a school's selection: the organisers' settings, follow-up questions and ranked
list; the applicant's follow-up form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import submit
from science4peace.lib.timezones import wall_and_utc
from science4peace.review.domain import access, queries, schools
from science4peace.review.interfaces.forms import QuestionForm
from science4peace.review.interfaces.school_forms import ButtonForm, FollowUpForm, SchoolForm


def _school_context(call, school, **forms) -> dict:
    return {
        "event": call.event,
        "call": call,
        "school": school,
        "form": forms.get("form") or SchoolForm(initial=_initial(school)),
        "question_form": forms.get("question_form") or QuestionForm(),
        "questions": queries.follow_up_questions(school) if school else [],
        "ranking": queries.ranking(call) if school else [],
        "closed": timezone.now() > call.deadline,
    }


def _initial(school) -> dict:
    if school is None:
        return {"places": 20, "confirm_days": 7}
    return {"places": school.places, "confirm_days": school.confirm_days}


@login_required
def school_page(request: HttpRequest, event_id: int) -> HttpResponse:
    call = access.access_call(request.user, event_id, to="manage")
    school = queries.school_of(call)
    form = SchoolForm(request.POST or None, initial=_initial(school))
    if request.method == "POST" and submit(
        form, lambda data: schools.do_save_school(call, actor=request.user, **data)
    ):
        messages.success(request, _("The selection is saved."))
        return redirect("review:school", event_id=event_id)
    context = _school_context(call, school, form=form)
    return render(request, "review/school.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def add_follow_up_question(request: HttpRequest, event_id: int) -> HttpResponse:
    school = schools.access_school(request.user, event_id)
    form = QuestionForm(request.POST)
    if submit(
        form, lambda data: schools.do_add_follow_up_question(school, actor=request.user, **data)
    ):
        messages.success(request, _("The question is added."))
        return redirect("review:school", event_id=event_id)
    context = _school_context(school.call, school, question_form=form)
    return render(request, "review/school.html", context, status=400)


@login_required
@require_POST
def remove_follow_up_question(
    request: HttpRequest, event_id: int, question_id: int
) -> HttpResponse:
    question = schools.access_follow_up_question(request.user, event_id, question_id)
    schools.do_remove_follow_up_question(question, actor=request.user)
    messages.success(request, _("The question is removed."))
    return redirect("review:school", event_id=event_id)


@login_required
@require_POST
def offer_places(request: HttpRequest, event_id: int) -> HttpResponse:
    school = schools.access_school(request.user, event_id)
    form = ButtonForm({})
    made: list = []
    if submit(form, lambda data: made.extend(schools.do_offer_places(school, actor=request.user))):
        messages.success(request, _("%(n)s place(s) offered.") % {"n": len(made)})
        return redirect("review:school", event_id=event_id)
    context = _school_context(school.call, school)
    context["offer_errors"] = form.non_field_errors()
    return render(request, "review/school.html", context, status=400)


@login_required
def offer_page(request: HttpRequest, pk: int) -> HttpResponse:
    offer = schools.access_offer(request.user, pk)
    school = offer.school
    questions = queries.follow_up_questions(school)
    form = FollowUpForm(
        request.POST or None, questions=questions, consent_text=school.call.event.consent_text
    )
    if request.method == "POST" and submit(
        form,
        lambda data: schools.do_answer_offer(offer, actor=request.user, **form.domain_data()),
    ):
        messages.success(request, _("Your answer is saved."))
        return redirect("review:offer", pk=pk)
    context = {
        "offer": offer,
        "deadline": wall_and_utc(offer.deadline, schools.zone_of(request.user, school.call.event)),
        "event": school.call.event,
        "form": form,
        "answers": queries.answers_of_offer(offer),
        "open": offer.status == offer.Status.OFFERED,
    }
    return render(request, "review/offer.html", context, status=400 if form.errors else 200)
