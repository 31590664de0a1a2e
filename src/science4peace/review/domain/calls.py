"""Opening a call for abstracts and building its form. Invariant 1: the form builder refuses a
question that asks for nationality, citizenship or a passport, in every interface language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.domain.questions import add_question, remove_question
from science4peace.core.validators import FORBIDDEN_STEMS, check_question
from science4peace.events.models import Event
from science4peace.lib.timezones import TimeZoneError, to_utc
from science4peace.review import rules
from science4peace.review.models import Call, Question
from science4peace.review.models.calls import KINDS

__all__ = [
    "FORBIDDEN_STEMS",
    "check_question",
    "do_add_question",
    "do_remove_question",
    "do_save_call",
]
CALL_FIELDS = (
    "blindness",
    "reviewers_per_submission",
    "max_load",
    "score_min",
    "score_max",
    "book_policy",
    "abstract_limit",
    "text",
)


def _require_manager(actor: Any, event: Event) -> None:
    if not rules.can_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


def _utc(value: dt.datetime, zone: str, field: str) -> dt.datetime:
    try:
        return to_utc(value.replace(tzinfo=None), zone)
    except TimeZoneError as error:
        raise ValidationError({field: str(error)}) from error


@transaction.atomic
def do_save_call(
    event: Event,
    *,
    actor: Any,
    opens: dt.datetime,
    closes: dt.datetime,
    extended_until: dt.datetime | None = None,
    kinds: list[str] | None = None,
    **fields: Any,
) -> Call:
    """Open or change ``event``'s call. Times are wall-clock times in the event's zone."""
    _require_manager(actor, event)
    call = Call.objects.select_for_update().filter(event=event).first() or Call(event=event)
    before = audit.snapshot(call) if call.pk else None
    call.opens = _utc(opens, event.timezone, "opens")
    call.closes = _utc(closes, event.timezone, "closes")
    call.extended_until = (
        _utc(extended_until, event.timezone, "extended_until") if extended_until else None
    )
    chosen = [k for k in KINDS if k in (kinds or KINDS)]
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown or not chosen:
        raise ValidationError({"kinds": _("Choose kinds among talk, poster and lecture.")})
    call.kinds = chosen
    for name in CALL_FIELDS:
        if name in fields:
            setattr(call, name, fields[name])
    errors: dict[str, list[str]] = {}
    if call.closes <= call.opens:
        errors["closes"] = [_("The call must close after it opens.")]
    if call.extended_until and call.extended_until < call.closes:
        errors["extended_until"] = [_("An extension ends after the call closes.")]
    if call.score_max <= call.score_min:
        errors["score_max"] = [_("The highest score must be above the lowest.")]
    if errors:
        raise ValidationError(errors)
    call.full_clean()
    call.save()
    audit.record(
        actor=actor, action="review.call.save", obj=call, before=before, after=audit.snapshot(call)
    )
    return call


@transaction.atomic
def do_add_question(
    call: Call, *, actor: Any, label: str, kind: str, choices: str = "", required: bool = False
) -> Question:
    _require_manager(actor, call.event)
    question = Question(
        call=call,
        label=label,
        kind=kind,
        choices=choices,
        required=required,
        position=call.questions.count(),
    )
    return add_question(question, actor=actor, action="review.question.add")


@transaction.atomic
def do_remove_question(question: Question, *, actor: Any) -> None:
    _require_manager(actor, question.call.event)
    remove_question(question, actor=actor, action="review.question.remove")
