"""Organisers' page of the registration form's custom questions (the one form builder)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import QuestionForm, submit
from science4peace.events.domain import queries
from science4peace.events.domain.access import access_event
from science4peace.events.domain.questions import (
    access_registration_question,
    do_add_registration_question,
    do_remove_registration_question,
)


@login_required
def registration_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """GET lists the questions; POST adds one."""
    event = access_event(request.user, pk, to="manage")
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and submit(
        form, lambda data: do_add_registration_question(event, actor=request.user, **data)
    ):
        messages.success(request, _("The question is added."))
        return redirect("events:registration-questions", pk=pk)
    context = {
        "event": event,
        "form": form,
        "questions": queries.registration_questions(event),
    }
    status = 400 if form.errors else 200
    return render(request, "events/registration_questions.html", context, status=status)


@login_required
@require_POST
def remove_registration_question(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    question = access_registration_question(request.user, pk, question_id)
    do_remove_registration_question(question, actor=request.user)
    messages.success(request, _("The question is removed."))
    return redirect("events:registration-questions", pk=pk)
