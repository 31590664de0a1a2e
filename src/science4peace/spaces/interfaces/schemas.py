from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from science4peace.core.interfaces.types import CHOICES, BodyIn, ObjectId, Text
from science4peace.spaces.models import MAX_BODY, MessageSettings, Space


class SpaceOut(Schema):
    id: int
    title: str
    kind: str
    owner: int = Field(description="Id of the collaboration, project, event or paper.")
    visibility: str

    @staticmethod
    def resolve_owner(obj: Space) -> int:
        return int(obj.collaboration_id or obj.project_id or obj.event_id or obj.paper_id or 0)


class SpaceIn(BodyIn):
    kind: str = Field(pattern="^(collaboration|project|event)$")
    owner: ObjectId
    title: Text = Field("", max_length=200)
    visibility: Annotated[Space.Visibility, CHOICES] = Space.Visibility.MEMBERS


class AnnouncementOut(Schema):
    id: int
    title: str
    body: str
    author: str
    pinned: bool
    mailed: bool
    created: dt.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.author)


class AnnouncementIn(BodyIn):
    title: Text = Field(min_length=1, max_length=200)
    body: Text = Field(min_length=1, max_length=MAX_BODY)
    pinned: bool = False
    mail: bool = False


class ThreadOut(Schema):
    id: int
    title: str
    author: str
    locked: bool
    reply_count: int
    created: dt.datetime
    last_activity: dt.datetime

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.author)


class ThreadIn(BodyIn):
    title: Text = Field(min_length=1, max_length=200)
    body: Text = Field(min_length=1, max_length=MAX_BODY)
    mentions: list[ObjectId] = Field(default=[], max_length=50, description="Person ids.")


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class PostOut(Schema):
    id: int
    thread: int = Field(alias="thread_id")
    author: str
    author_id: int
    body: str
    quote: int | None = Field(None, alias="quote_id")
    created: dt.datetime
    edited: dt.datetime | None
    hidden: bool
    hidden_reason: str
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_hidden(obj) -> bool:
        return obj.hidden_at is not None

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.attachments.all())


class ReportOut(Schema):
    reporter: str
    reason: str
    created: dt.datetime

    @staticmethod
    def resolve_reporter(obj) -> str:
        return str(obj.reporter)


class ReportedPostOut(Schema):
    """A post with open reports, in the administrators' queue."""

    id: int
    thread: int = Field(alias="thread_id")
    author: str
    body: str
    hidden: bool
    report_count: int
    reports: list[ReportOut] = Field(alias="open_reports")

    @staticmethod
    def resolve_author(obj) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_hidden(obj) -> bool:
        return obj.hidden_at is not None


class DismissedOut(Schema):
    dismissed: int = Field(description="How many open reports were closed.")


class ReplyIn(BodyIn):
    body: Text = Field(min_length=1, max_length=MAX_BODY)
    quote: ObjectId | None = None
    mentions: list[ObjectId] = Field(default=[], max_length=50, description="Person ids.")


class EditIn(BodyIn):
    body: Text = Field(min_length=1, max_length=MAX_BODY)


class ReasonIn(BodyIn):
    reason: Text = Field(min_length=1, max_length=500)


class LockIn(BodyIn):
    locked: bool = True


class FollowIn(BodyIn):
    state: str = Field(pattern="^(follow|mute|none)$")


class MessageOut(Schema):
    id: int
    sender: int = Field(alias="sender_id")
    body: str
    created: dt.datetime


class MessageIn(BodyIn):
    body: Text = Field(min_length=1, max_length=MAX_BODY)


class ConversationOut(Schema):
    id: int
    with_person: int
    name: str
    last_message: dt.datetime


class MessageSettingsIO(Schema):
    first_contact: MessageSettings.FirstContact


class MessageSettingsIn(BodyIn):
    first_contact: Annotated[MessageSettings.FirstContact, CHOICES]


class BlockIn(BodyIn):
    blocked: bool = True
