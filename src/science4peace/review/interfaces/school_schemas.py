"""The API's shapes for a school's selection: the organisers' settings and ranked list, and
the applicant's offered place with its follow-up form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from science4peace.core.interfaces.types import BodyIn, Integer, Text


class SchoolIn(BodyIn):
    places: Integer = Field(ge=1, le=10000)
    confirm_days: Integer = Field(ge=1, le=365, description="Days an offered applicant has")


class QuestionOut(Schema):
    id: int
    label: str
    kind: str = Field(description="text, choice or checkbox")
    choices: list[str]
    required: bool


class AnswerOut(Schema):
    question: str
    answer: str


class OfferStateOut(Schema):
    id: int
    status: str = Field(description="offered, confirmed, declined or lapsed")
    deadline: dt.datetime


class RankOut(Schema):
    rank: int
    code: str
    title: str
    mean: float
    reviews: int
    offer: OfferStateOut | None
    answers: list[AnswerOut] = Field(description="The follow-up answers of a confirmed place")


class SchoolOut(Schema):
    event: int
    places: int
    confirm_days: int
    applications_close: dt.datetime
    questions: list[QuestionOut]
    ranking: list[RankOut]


class OfferOut(Schema):
    id: int
    event: int
    event_title: str
    status: str
    deadline: dt.datetime
    consent_text: str
    questions: list[QuestionOut]
    answers: list[AnswerOut]


class OfferAnswerIn(BodyIn):
    attend: bool
    consent: bool = Field(False, description="Consent to the event's terms; needed to attend")
    answers: dict[Text, Text] = Field(
        default_factory=dict,
        max_length=100,
        description="Answers to the follow-up questions, keyed by question id",
    )


def question_rows(questions: list[Any]) -> list[dict[str, Any]]:
    return [
        {"id": q.pk, "label": q.label, "kind": q.kind, "choices": q.options, "required": q.required}
        for q in questions
    ]


def answer_rows(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"question": label, "answer": value} for label, value in pairs]


def offer_state(offer: Any) -> dict[str, Any] | None:
    if offer is None:
        return None
    return {"id": offer.pk, "status": offer.status, "deadline": offer.deadline}
