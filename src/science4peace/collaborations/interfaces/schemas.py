from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from science4peace.collaborations.models import WorkContribution
from science4peace.core.interfaces.types import CHOICES, BodyIn, IsoDate, ObjectId, Text


class CollaborationOut(Schema):
    id: int
    name: str
    description: str
    website: str
    start: dt.date
    completion: dt.date | None
    access_kinds: list[str]
    access_roles: list[str]
    access_contributed_from: dt.date | None
    author_months_before: int
    author_months_after: int
    author_roles: list[str]


class MemberOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    name: str = Field(alias="person.display_name")
    institution: int = Field(alias="institution_id")
    institution_name: str = Field(alias="institution.name")
    role: str
    start: dt.date
    end: dt.date | None


class WorkContributionOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    kind: str
    description: str
    start: dt.date
    end: dt.date | None
    evidence: str
    status: str


class WorkContributionIn(BodyIn):
    kind: Annotated[WorkContribution.Kind, CHOICES]
    description: Text = Field(min_length=1, max_length=300)
    start: IsoDate
    end: IsoDate | None = None
    evidence: Text = Field("", max_length=200)


class DecisionIn(BodyIn):
    confirm: bool


class AccessOut(Schema):
    allowed: bool
    reasons: list[str]


class ResourceOut(Schema):
    id: int
    title: str
    kind: str
    sensitivity: str
    size: int
    access: AccessOut


class AuthorOut(Schema):
    person: int
    name: str
    since: dt.date
    institutions: list[int]


class PledgeOut(Schema):
    version: int
    text: str = Field(description="The English text: the one that binds.")
    translations: dict[str, str] = Field(
        description="Language code → translation, for reading only."
    )
    accepted: bool


class JoinRequestIn(BodyIn):
    institution: ObjectId
    message: Text = Field("", max_length=2000)


class JoinRequestOut(Schema):
    id: int
    collaboration: int = Field(alias="collaboration_id")
    person: int = Field(alias="person_id")
    name: str = Field(alias="person.display_name")
    institution: int = Field(alias="institution_id")
    message: str
    status: str
    created: dt.datetime
    membership: int | None = Field(alias="membership_id")


class JoinDecisionIn(BodyIn):
    accept: bool
    start: IsoDate | None = None
