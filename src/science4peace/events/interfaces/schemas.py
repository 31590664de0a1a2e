import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BaseModel

from science4peace.core.interfaces.types import CHOICES, BodyIn, ObjectId, Text
from science4peace.events.domain.programme import Programme
from science4peace.events.domain.queries import name_of
from science4peace.events.models import Event, Registration


class EventOut(Schema):
    id: int
    title: str
    kind: str
    timezone: str = Field(description="IANA zone the organisers plan in")
    start_date: dt.date
    end_date: dt.date
    capacity: int | None
    registration_open: bool
    version: int = Field(description="Changes whenever the programme changes")


class EventFilters(Schema):
    kind: Text = Field(
        "",
        max_length=12,
        description="Only events of this kind: conference, workshop, series or school",
    )


# The programme's rows as ``programme_out`` makes them (dicts): plain pydantic models, which
# validate dicts in pydantic's core; a ninja ``Schema`` wraps each of the ~750 objects of a
# 300-talk programme in an attribute getter first (about a third of the endpoint's time).
class SpeakerOut(BaseModel):
    id: int
    name: str


class ContributionOut(BaseModel):
    id: int
    guid: str
    title: str
    kind: str
    abstract: str
    start: dt.datetime = Field(description="UTC")
    end: dt.datetime = Field(description="UTC")
    duration: int = Field(description="minutes")
    track: str = Field(description="The contribution's track, else its session's; may be empty")
    speakers: list[SpeakerOut] = Field(description="In the programme's order")
    recording_url: str


class BlockOut(BaseModel):
    session_id: int | None = Field(description="None: a contribution outside any session")
    title: str
    kind: str
    track: str
    start: dt.datetime = Field(description="UTC")
    end: dt.datetime = Field(description="UTC")
    contributions: list[ContributionOut]


class ProgrammeOut(Schema):
    event: EventOut
    tracks: list[str]
    blocks: list[BlockOut]


class RegistrationIn(BodyIn):
    consent: bool = Field(description="Consent to the event's consent text; required")
    city: Text = Field("", max_length=150)
    timezone: Text = Field("", max_length=64, description="IANA name, optional")
    answers: dict[str, Text] = Field(
        default_factory=dict,
        description="Answers to the registration form's custom questions, keyed by question id",
    )


class RegistrationOut(Schema):
    event: int
    status: str
    queued_at: dt.datetime


class WithdrawOut(Schema):
    withdrawn: bool
    promoted: int | None = Field(description="The user id promoted from the waiting list")


class RegistrantFilters(Schema):
    status: Text = Field(
        "",
        max_length=12,
        description="Only registrants in this status: registered, waiting, withdrawn, applied "
        "or rejected",
    )


class RegistrantOut(Schema):
    user: int = Field(alias="user_id")
    name: str
    email: str
    status: str
    queued_at: dt.datetime
    timezone: str
    answers: dict[str, str] = Field(
        description="Answers to the registration form's custom questions, keyed by question id"
    )

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return name_of(obj.user)

    @staticmethod
    def resolve_email(obj: Any) -> str:
        return str(obj.user.email)


def programme_out(event: Event, programme: Programme) -> dict[str, Any]:
    """``ProgrammeOut`` of an event's programme rows (``queries.programme``)."""
    return {
        "event": event,
        "tracks": [name for _id, name in programme.tracks],
        "blocks": [
            {
                "session_id": block.session_id,
                "title": block.title,
                "kind": block.kind,
                "track": block.track,
                "start": block.start,
                "end": block.end,
                "contributions": [
                    {
                        "id": item.id,
                        "guid": item.guid,
                        "title": item.title,
                        "kind": item.kind,
                        "abstract": item.abstract,
                        "start": item.start,
                        "end": item.end,
                        "duration": item.duration,
                        "track": item.track or block.track,
                        "speakers": [{"id": s.id, "name": s.name} for s in item.speakers],
                        "recording_url": item.recording_url,
                    }
                    for item in block.items
                ],
            }
            for block in programme.blocks
        ],
    }


class PersonNoteOut(Schema):
    name: str
    person_id: int
    how: str = Field(description='"orcid" or "email hash" (matched), "new" (created)')
    detail: str = Field(description="Why, in words")


class ImportOut(Schema):
    event: int = Field(description="The new event's id")
    contributions: int
    sessions: int = Field(description="Session blocks created")
    tracks: int
    unscheduled: int
    created: list[PersonNoteOut] = Field(description="People created for speakers")
    matched: list[PersonNoteOut] = Field(description="Speakers matched to people on the platform")
    left_out: list[str] = Field(description="What the export carries that was not imported")
    summary: list[str] = Field(description="The same summary the page and the command line show")


class ParticipantMessageIn(BodyIn):
    groups: list[Literal["registrants", "speakers", "committee"]] = Field(min_length=1)
    statuses: list[Annotated[Registration.Status, CHOICES]] = [Registration.Status.REGISTERED]
    track: ObjectId | None = None
    session: ObjectId | None = None
    subject: Text = Field(min_length=1, max_length=200)
    body: Text = Field(min_length=1, max_length=20000)
    preview: bool = False


class ParticipantMessageOut(Schema):
    id: int | None
    recipients: int
    subject: str
    delivery: dict[str, int]
