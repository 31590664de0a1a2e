"""Events in the JSON API: the list, a programme with UTC times, registering and
withdrawing with a personal token, and the registrant list for organisers."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.params import functions as param_functions

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination
from science4peace.events import rules
from science4peace.events.domain import imports, registrations
from science4peace.events.domain import programme as prog
from science4peace.events.interfaces.schemas import (
    EventOut,
    ImportOut,
    ProgrammeOut,
    RegistrantOut,
    RegistrationIn,
    RegistrationOut,
    WithdrawOut,
)
from science4peace.events.models import Event, Registration
from science4peace.lib import indico
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


OPTIONAL_FILE: Any = param_functions.File(None)
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "Indico's /export/event/ID.json?detail=contributions (or detail=sessions), "
        "as the multipart field `file` or as the JSON body itself.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.post(
    "/events/import-indico",
    auth=TokenAuth(),
    response={201: ImportOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 413: ErrorOut},
    openapi_extra=IMPORT_BODY,
)
def import_indico(request: HttpRequest, file: UploadedFile | None = OPTIONAL_FILE) -> Any:
    """Create an event from an Indico export; the token's user becomes its organiser.
    Speakers are matched to people only by ORCID iD or e-mail hash (see docs/events.md)."""
    limit = settings.S4P_MAX_UPLOAD_BYTES
    if file is not None:
        size = file.size or 0
    elif request.content_type == "application/json":
        size = len(request.body)
    else:
        return Status(400, {"detail": "send the export as the multipart field 'file' "
                            "or as the JSON body (Content-Type: application/json)"})  # fmt: skip
    if size > limit:
        return Status(413, {"detail": f"the export is {size} bytes; the limit is {limit} bytes"})
    try:
        source = indico.parse(file.read() if file is not None else request.body)
    except indico.IndicoError as error:
        return Status(400, {"detail": f"not an Indico export: {error}"})
    return Status(201, imports.do_import_indico(source, actor=request.user).as_dict())
