"""Putting the domain's ValidationErrors on the form a person filled in."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils.translation import gettext_lazy as _


def attach_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit(form: BaseForm, action: Callable[[dict[str, Any]], object]) -> bool:
    """Validate ``form``, run the domain ``action`` on its cleaned data and put a domain
    ValidationError on the form. True when the action ran; the view then redirects."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True


def question_fields(form: BaseForm, questions: Iterable[Any]) -> None:
    """Add a field ``q_<id>`` to ``form`` for each custom question (text, choice, checkbox;
    required or not): the one builder of calls, registration forms and follow-up forms."""
    for question in questions:
        if question.kind == "checkbox":
            field: forms.Field = forms.BooleanField(required=question.required)
        elif question.kind == "choice":
            field = forms.ChoiceField(
                choices=[("", "—"), *[(o, o) for o in question.options]],
                required=question.required,
            )
        else:
            field = forms.CharField(max_length=2000, required=question.required)
        field.label = question.label
        form.fields[f"q_{question.pk}"] = field


def pop_answers(data: dict[str, Any]) -> dict[int, str]:
    """Take the ``q_<id>`` values out of cleaned data, as the domain's answers by id."""
    answers = {}
    for name in list(data):
        if name.startswith("q_"):
            value = data.pop(name)
            answers[int(name[2:])] = (
                "yes" if value is True else "" if value is False else str(value or "")
            )
    return answers


class QuestionForm(forms.Form):
    """One custom question, for the form builders of calls, registration forms and follow-up
    forms (the domain checks it with ``core.validators.check_question``)."""

    label = forms.CharField(label=_("question"), max_length=300)
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("text", _("text")), ("choice", _("choice")), ("checkbox", _("checkbox"))],
    )
    choices = forms.CharField(
        label=_("choices"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line."),
    )
    required = forms.BooleanField(label=_("required"), required=False)
