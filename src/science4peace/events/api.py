"""Events in the JSON API: the list, a programme with UTC times, registering and
withdrawing with a personal token, and the registrant list for organisers."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination
from science4peace.events import rules
from science4peace.events.domain import programme as prog
from science4peace.events.domain import registrations
from science4peace.events.interfaces.schemas import (
    EventOut,
    ProgrammeOut,
    RegistrantOut,
    RegistrationIn,
    RegistrationOut,
    WithdrawOut,
)
from science4peace.events.models import Event, Registration
from science4peace.people.interfaces.auth import TokenAuth

router = Router(tags=["events"])


def _event(request: HttpRequest, event_id: int) -> Event:
    event = get_object_or_404(Event, pk=event_id)
    if not rules.can_see(request.user, event):
        raise Http404
    return event


@router.get("/events", response=list[EventOut])
@paginate(Pagination)
def list_events(request: HttpRequest) -> Any:
    return Event.objects.filter(visibility=Event.Visibility.PUBLIC)


@router.get("/events/{int:event_id}/programme", response={200: ProgrammeOut, 404: ErrorOut})
def get_programme(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    event = _event(request, event_id)
    programme = prog.programme(event)
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
                        "speakers": [{"id": s.id, "name": s.name} for s in item.speakers],
                        "recording_url": item.recording_url,
                    }
                    for item in block.items
                ],
            }
            for block in programme.blocks
        ],
    }


def _out(registration: Registration) -> dict[str, Any]:
    return {
        "event": registration.event_id,
        "status": registration.status,
        "queued_at": registration.queued_at,
    }


@router.post(
    "/events/{int:event_id}/registration",
    auth=TokenAuth(),
    response={
        200: RegistrationOut,
        201: RegistrationOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
    },
)
def register(request: HttpRequest, event_id: ObjectId, payload: RegistrationIn) -> Any:
    """Register (idempotent: a second call returns the standing registration with 200)."""
    event = _event(request, event_id)
    registration, created = registrations.do_register(
        event,
        user=request.user,
        consent=payload.consent,
        city=payload.city,
        timezone_name=payload.timezone,
        language=getattr(request, "LANGUAGE_CODE", "en"),
    )
    return Status(201 if created else 200, _out(registration))


@router.delete(
    "/events/{int:event_id}/registration",
    auth=TokenAuth(),
    response={200: WithdrawOut, 401: ErrorOut, 404: ErrorOut},
)
def withdraw(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    event = _event(request, event_id)
    withdrawn, promoted = registrations.do_withdraw(event, user=request.user)
    return {"withdrawn": withdrawn is not None, "promoted": promoted.user_id if promoted else None}


@router.get(
    "/events/{int:event_id}/registrations",
    auth=TokenAuth(),
    response={200: list[RegistrantOut], 401: ErrorOut, 404: ErrorOut},
)
@paginate(Pagination)
def list_registrations(request: HttpRequest, event_id: ObjectId) -> Any:
    event = _event(request, event_id)
    if not rules.can_review(request.user, event):
        raise Http404
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "user__person")
        .order_by("queued_at", "id")
    )
