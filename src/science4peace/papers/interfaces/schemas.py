from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.urls import reverse
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


class DraftOut(Schema):
    version: int
    note: str
    pages: int
    size: int = Field(description="Bytes.")
    uploaded_by: str
    created: dt.datetime
    comments: int = Field(description="Number of comments in the draft's thread.")
    thread: int | None = Field(alias="thread_id", description="The draft's comment thread.")
    space: int | None = Field(description="The paper's discussion (a space).")
    pdf: str = Field(description="Path of the PDF (authors and contact persons only).")

    @staticmethod
    def resolve_uploaded_by(obj) -> str:
        return str(obj.uploaded_by)

    @staticmethod
    def resolve_comments(obj) -> int:
        return obj.thread.reply_count if obj.thread is not None else 0

    @staticmethod
    def resolve_space(obj) -> int | None:
        return obj.thread.space_id if obj.thread is not None else None

    @staticmethod
    def resolve_pdf(obj) -> str:
        return reverse(
            "api-1.0.0:download_draft",
            kwargs={"paper_id": obj.paper_id, "version": obj.version},
        )


class DraftCommentIn(BodyIn):
    body: Text = Field(min_length=1, max_length=20_000)
    quote: ObjectId | None = None
