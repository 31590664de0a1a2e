"""Events in the JSON API: the list, a programme with UTC times, registering and
withdrawing with a personal token, and the registrant list for organisers. Each handler
obtains its event through ``domain.access``, reads lists through ``domain.queries`` (the
functions the pages call) and mails through ``interfaces.mail.notify_for`` (as the pages do)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.params import functions as param_functions

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination
from science4peace.core.validators import answers_by_id
from science4peace.events.domain import imports, queries, registrations
from science4peace.events.domain import messages as outgoing
from science4peace.events.domain.access import access_event, access_message
from science4peace.events.interfaces.mail import notify_for
from science4peace.events.interfaces.schemas import (
    EventFilters,
    EventOut,
    ImportOut,
    ParticipantMessageIn,
    ParticipantMessageOut,
    ProgrammeOut,
    RegistrantFilters,
    RegistrantOut,
    RegistrationIn,
    RegistrationOut,
    WithdrawOut,
    programme_out,
)
from science4peace.events.models import Registration
from science4peace.lib import indico
from science4peace.notifications.domain.queries import delivery_report
from science4peace.people.interfaces.auth import TokenAuth

router = Router(tags=["events"])


@router.get("/events", response={200: list[EventOut], 400: ErrorOut})
@paginate(Pagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    """Listed events, latest first: the items and order of the page /events/."""
    return queries.list_events(kind=filters.kind)


@router.get("/events/{int:event_id}/programme", response={200: ProgrammeOut, 404: ErrorOut})
def get_programme(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    event = access_event(request.user, event_id)
    return programme_out(event, queries.programme(event))


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
    """Register (idempotent: a second call returns the standing registration with 200). The
    confirmation (or waiting-list notice) is mailed as when registering on the event page."""
    event = access_event(request.user, event_id)
    registration, created = registrations.do_register(
        event,
        user=request.user,
        consent=payload.consent,
        city=payload.city,
        timezone_name=payload.timezone,
        language=translation.get_language() or "en",
        answers=answers_by_id(payload.answers),
        notify=notify_for(request),
    )
    return Status(201 if created else 200, _out(registration))


@router.delete(
    "/events/{int:event_id}/registration",
    auth=TokenAuth(),
    response={200: WithdrawOut, 401: ErrorOut, 404: ErrorOut},
)
def withdraw(request: HttpRequest, event_id: ObjectId) -> dict[str, Any]:
    """Withdraw; the first on the waiting list takes the place and is told by e-mail."""
    event = access_event(request.user, event_id)
    withdrawn, promoted = registrations.do_withdraw(
        event, user=request.user, notify=notify_for(request)
    )
    return {"withdrawn": withdrawn is not None, "promoted": promoted.user_id if promoted else None}


@router.get(
    "/events/{int:event_id}/registrations",
    auth=TokenAuth(),
    response={200: list[RegistrantOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
@paginate(Pagination)
def list_registrations(
    request: HttpRequest, event_id: ObjectId, filters: Query[RegistrantFilters]
) -> Any:
    """Registrants in the order of the registrants page: registered, waiting, applied, not
    selected, withdrawn; first come first within each."""
    event = access_event(request.user, event_id, to="review")
    return queries.registrants(event, status=filters.status)


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


MESSAGE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post(
    "/events/{int:event_id}/messages",
    auth=TokenAuth(),
    response={200: ParticipantMessageOut, 201: ParticipantMessageOut, **MESSAGE_ERRORS},
)
def send_message(request: HttpRequest, event_id: ObjectId, payload: ParticipantMessageIn) -> Any:
    """Organisers write to registrants (by status), speakers or the committee, optionally
    only those of a track or session. ``preview: true`` counts the recipients and sends
    nothing; otherwise the message is queued (201) with its delivery report so far."""
    event = access_event(request.user, event_id, to="manage")
    audience = outgoing.Audience(
        groups=tuple(payload.groups),
        statuses=tuple(payload.statuses),
        track=payload.track,
        session=payload.session,
    )
    if payload.preview:
        shown = outgoing.preview(
            event, actor=request.user, audience=audience, subject=payload.subject, body=payload.body
        )
        return 200, {
            "id": None,
            "recipients": len(shown.recipients),
            "subject": shown.subject,
            "delivery": {},
        }
    sent = outgoing.do_send_message(
        event, actor=request.user, audience=audience, subject=payload.subject, body=payload.body
    )
    return 201, _message(sent)


def _message(message: Any) -> dict[str, Any]:
    return {
        "id": message.pk,
        "recipients": message.recipients,
        "subject": message.subject,
        "delivery": delivery_report(message.item) if message.item_id else {},
    }


@router.get(
    "/events/{int:event_id}/messages/{int:message_id}",
    auth=TokenAuth(),
    response={200: ParticipantMessageOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def get_message(request: HttpRequest, event_id: ObjectId, message_id: ObjectId) -> Any:
    """A sent message with its delivery report (outbox statuses, digests, no mail)."""
    return _message(access_message(request.user, event_id, message_id))
