"""Validators shared by every app's models, forms and domain checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from science4peace.lib.textsafety import describe, first_control
from science4peace.lib.timezones import is_zone


def validate_zone(value: str) -> None:
    """An IANA time zone name (invariant 4): the one check for events, registrations and
    profiles."""
    if not is_zone(value):
        raise ValidationError(
            _("Unknown time zone %(zone)s; use an IANA name like Europe/Zurich."),
            params={"zone": value},
            code="timezone",
        )


def validate_one_line(value: str) -> None:
    """Names, titles, institution names and addresses, reasons and notes: no control
    character, line break or bidirectional override (``lib.textsafety`` lists them)."""
    char = first_control(value or "")
    if char is not None:
        raise ValidationError(
            _("Remove the control character %(char)s: this text must be one line of text."),
            params={"char": describe(char)},
            code="control",
        )


def validate_text(value: str) -> None:
    """Descriptions, abstracts and messages: line breaks and tabs allowed, other control
    characters refused."""
    char = first_control(value or "", multiline=True)
    if char is not None:
        raise ValidationError(
            _("Remove the control character %(char)s."),
            params={"char": describe(char)},
            code="control",
        )


def text_limit(limit: int) -> list[Callable[[str], None]]:
    """The validators of a multi-line free text of at most ``limit`` characters (a model
    ``TextField``'s ``max_length`` is not checked by ``full_clean``; this is)."""
    return [MaxLengthValidator(limit), validate_text]


# The longest multi-line free texts, in characters (docs/formats.md, "Length limits"). The
# one-line texts have their limit as the model field's max_length.
TEXT_LIMITS = {
    "DESCRIPTION": 20_000,  # an event's or a collaboration's description (Markdown)
    "ABSTRACT": 10_000,  # a contribution's abstract (Markdown)
    "CONSENT": 5_000,  # an event's consent text
    "MOTIVATION": 2_000,  # a registration's motivation
    "PLEDGE": 20_000,  # a version of the civil-use pledge
    # a catalog record as published, as an administrator may correct it: one-line titles;
    # the longest abstract among the demo records (CERN Open Data) has 19,791 characters
    "RECORD_TITLE": 1_000,
    "RECORD_ABSTRACT": 50_000,
}


# Custom questions of a form (a call for abstracts, a registration form, a school's follow-up
# form). Stems, case-folded, of the words for what no form may ask (en, ru, uk, ar):
# invariant 1.
FORBIDDEN_STEMS = (
    "nationalit",
    "citizenship",
    "passport",
    "национальн",
    "гражданств",
    "подданств",
    "паспорт",
    "національн",
    "громадянств",
    "підданств",
    "جنسية",
    "جنسيه",
    "مواطنة",
    "جواز سفر",
    "جواز السفر",
)
QUESTION_KINDS = ("text", "choice", "checkbox")


def check_question(label: str, choices: str = "") -> None:
    """Refuse a question about origin (invariant 1), in any interface language: the one
    check of every form builder."""
    text = " ".join(f"{label} {choices}".casefold().split())
    if any(stem in text for stem in FORBIDDEN_STEMS):
        raise ValidationError(
            {"label": _("A form may not ask for nationality, citizenship or a passport.")}
        )


def options_of(choices: str) -> list[str]:
    return [line.strip() for line in (choices or "").splitlines() if line.strip()]


def check_question_options(kind: str, choices: str) -> None:
    if kind not in QUESTION_KINDS:
        raise ValidationError({"kind": _("Choose a kind among text, choice and checkbox.")})
    if kind == "choice" and len(options_of(choices)) < 2:
        raise ValidationError({"choices": _("A choice needs at least two options, one per line.")})


def clean_answers(questions: Iterable[Any], answers: Mapping[int, str]) -> dict[Any, str]:
    """The answers to ``questions`` (objects with ``pk``, ``label``, ``kind``, ``options`` and
    ``required``), keyed by question id in ``answers``: a checkbox is "yes" or "", a choice one
    of its options, a required question answered; every problem is named at once."""
    found: dict[Any, str] = {}
    errors: list[str] = []
    for question in questions:
        value = str(answers.get(question.pk) or "").strip()
        if question.kind == "checkbox":
            value = "yes" if value in {"yes", "on", "true", "1"} else ""
        if question.kind == "choice" and value and value not in question.options:
            errors.append(_("“%(q)s”: choose one of the options.") % {"q": question.label})
        if question.kind == "text" and len(value) > 2000:
            errors.append(_("“%(q)s”: at most 2000 characters.") % {"q": question.label})
        if question.required and not value:
            errors.append(_("“%(q)s” needs an answer.") % {"q": question.label})
        found[question] = value
    if errors:
        raise ValidationError({"__all__": errors})
    return found


def answers_by_id(answers: Mapping[str, str]) -> dict[int, str]:
    """Answers sent to the API keyed by question id (as text); a key that is no id names no
    question of the form."""
    unknown = sorted(key for key in answers if not key.isascii() or not key.isdigit())
    if unknown:
        raise ValidationError(
            {"answers": _("No question has the id %(ids)s.") % {"ids": ", ".join(unknown)}}
        )
    return {int(key): value for key, value in answers.items()}
