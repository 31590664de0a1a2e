import datetime as dt

from ninja import Schema

from science4peace.core.interfaces.types import BodyIn, ObjectId, Text


class NotificationOut(Schema):
    id: int
    kind: str
    channel: str
    subject: str
    body: str
    url: str
    created: dt.datetime
    read: bool


class NotificationPage(Schema):
    unread: int
    items: list[NotificationOut]


class MarkReadIn(BodyIn):
    ids: list[ObjectId] | None = None


class MarkedOut(Schema):
    marked: int


class ChannelOut(Schema):
    channel: str
    title: str
    frequency: str


class PreferencesOut(Schema):
    frequency: str
    language: str
    channels: list[ChannelOut]


class PreferencesIn(BodyIn):
    frequency: Text
    language: Text


class ChannelPreferenceIn(BodyIn):
    channel: Text
    frequency: Text
