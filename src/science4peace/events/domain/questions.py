"""Custom questions of an event's registration form (text, choice, checkbox; required or
not), built and checked like a call's: the one check refuses a question about nationality,
citizenship or a passport in any interface language (invariant 1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.core.domain.questions import add_question, remove_question
from science4peace.events import rules
from science4peace.events.domain.access import access_event
from science4peace.events.models import Event, RegistrationQuestion


def access_registration_question(actor: Any, event_id: int, question_id: int) -> Any:
    event = access_event(actor, event_id, to="manage")
    question = RegistrationQuestion.objects.filter(event=event, pk=question_id).first()
    if question is None:
        raise Http404(_("No such question."))
    question.event = event
    return question


def _require_manager(actor: Any, event: Event) -> None:
    if not rules.can_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


@transaction.atomic
def do_add_registration_question(
    event: Event, *, actor: Any, label: str, kind: str, choices: str = "", required: bool = False
) -> RegistrationQuestion:
    _require_manager(actor, event)
    question = RegistrationQuestion(
        event=event,
        label=label,
        kind=kind,
        choices=choices,
        required=required,
        position=event.registration_questions.count(),
    )
    return add_question(question, actor=actor, action="event.question.add")


@transaction.atomic
def do_remove_registration_question(question: RegistrationQuestion, *, actor: Any) -> None:
    _require_manager(actor, question.event)
    remove_question(question, actor=actor, action="event.question.remove")
