"""Adding and removing a custom question of a form, the same for every form that has them
(a call's, a registration form's, a school's follow-up form): the one check refuses a
question about nationality, citizenship or a passport in any interface language (invariant
1); each change is audited. The caller checks who may do it and builds the unsaved question
(its owner and position)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction

from science4peace.core import audit
from science4peace.core.models.questions import CustomQuestion
from science4peace.core.validators import check_question, check_question_options

Q = TypeVar("Q", bound=CustomQuestion)


@transaction.atomic
def add_question(question: Q, *, actor: Any, action: str) -> Q:
    check_question(question.label, question.choices)
    check_question_options(question.kind, question.choices)
    question.full_clean()
    question.save()
    audit.record(actor=actor, action=action, obj=question, after=audit.snapshot(question))
    return question


@transaction.atomic
def remove_question(question: CustomQuestion, *, actor: Any, action: str) -> None:
    audit.record(actor=actor, action=action, obj=question, before=audit.snapshot(question))
    question.delete()
