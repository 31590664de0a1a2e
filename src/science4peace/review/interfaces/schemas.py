from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from science4peace.core.interfaces.types import BodyIn, Integer, ObjectId, Text

Code = Field(min_length=1, max_length=8, pattern=r"^[0-9A-Fa-f]{1,8}$")


class CallOut(Schema):
    event: int
    opens: dt.datetime
    closes: dt.datetime
    extended_until: dt.datetime | None
    event_timezone: str = Field(description="The zone the organisers set the times in.")
    kinds: list[str]
    blindness: str
    score_min: int
    score_max: int
    abstract_limit: int
    open: bool


class AuthorIO(Schema):
    name: Text = Field(min_length=1, max_length=200)
    orcid: Text = Field("", max_length=40)
    email: Text = Field("", max_length=254)
    affiliation: Text = Field("", max_length=250)
    presents: bool = False


class SubmissionAuthorIn(BodyIn):
    name: Text = Field(min_length=1, max_length=200)
    orcid: Text = Field("", max_length=40)
    email: Text = Field("", max_length=254)
    affiliation: Text = Field("", max_length=250)
    presents: bool = False


class SubmissionIn(BodyIn):
    title: Text = Field(max_length=300)
    abstract: Text = Field(max_length=100_000)
    keywords: Text = Field("", max_length=500)
    track: ObjectId | None = None
    kind: Text = Field(max_length=10)
    authors: list[SubmissionAuthorIn] = Field(max_length=100)
    declared_conflicts: Text = Field("", max_length=5000)
    answers: dict[str, Text] = Field(
        default_factory=dict, max_length=100, description="Question id → answer."
    )


class SubmissionOut(Schema):
    id: int
    code: str
    title: str
    abstract: str
    keywords: str
    kind: str
    status: str
    decision: str
    warnings: list[str] = Field(description="Where an author's name was found (abstract, PDF).")
    authors: list[AuthorIO]


class BlindRowOut(Schema):
    code: str
    title: str
    keywords: str
    track: str
    kind: str
    bid: str
    assigned: bool
    reviewed: bool


class BlindOut(Schema):
    """A submission as a reviewer sees it: no authors in a double-blind call."""

    code: str
    title: str
    abstract: str
    keywords: str
    track: str
    kind: str
    has_pdf: bool
    authors: list[AuthorIO]


class BidIn(BodyIn):
    level: Text = Field("", max_length=12, description="eager, willing, not_willing or empty")


class ReviewIn(BodyIn):
    score: Integer = Field(ge=-1000, le=1000)
    confidence: Integer = Field(ge=1, le=3)
    to_authors: Text = Field("", max_length=10000)
    to_committee: Text = Field("", max_length=10000)


class ReviewOut(Schema):
    reviewer: str
    score: int
    confidence: int
    to_authors: str
    to_committee: str
    own: bool


class TableRowOut(Schema):
    code: str
    title: str
    status: str
    decision: str
    reviews: int
    assigned: int
    mean: float | None
    spread: int | None
    stdev: float | None
    disagreement: bool


class AssignmentOut(Schema):
    pairs: int
    objective: float
    bound: float = Field(description="The LP relaxation's value: no assignment can do better.")
    max_load: int


class ReviewDecisionIn(BodyIn):
    codes: list[Text] = Field(min_length=1, max_length=1000)
    decision: Text = Field(max_length=8, description="talk, poster or reject")
