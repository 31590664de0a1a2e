from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from science4peace.core.interfaces.types import CHOICES, BodyIn, IsoDate, ObjectId, Text
from science4peace.papers.models import Paper


class PaperOut(Schema):
    id: int
    collaboration: int | None = Field(alias="collaboration_id")
    title: str
    reference_date: dt.date
    policy: str


class PaperIn(BodyIn):
    collaboration: ObjectId
    title: Text = Field(min_length=1, max_length=300)
    reference_date: IsoDate
    policy: Annotated[Paper.Policy, CHOICES] = Paper.Policy.EQUAL_AFFILIATIONS


class AuditOut(Schema):
    collaboration: str
    authors: int
    organisations: int
    authors_without_affiliation: int
    masked_authors: int
    masked_organisations: dict[str, int]
    orcid_coverage: float
    invalid_orcids: list[str]
    equal_treatment: bool
    verdict: str
    evidence: list[str]
    gaps: list[str]


class SignoffOut(Schema):
    author_id: int
    name: str
    status: str
    answered_at: dt.datetime | None
    reminders: int


class SignoffIn(BodyIn):
    confirm: bool
    message: Text = Field("", max_length=1000)


class ResolveIn(BodyIn):
    resolution: Text = Field(min_length=1, max_length=1000)


class RemindedOut(Schema):
    reminded: int
