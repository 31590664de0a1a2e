"""Events in the JSON API: the list, a programme with UTC times, registering and
withdrawing with a personal token, and the registrant list for organisers. Each handler
obtains its event through ``domain.access``, reads lists through ``domain.queries`` (the
functions the pages call) and mails through ``interfaces.mail.notify_for`` (as the pages do)."""

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination
from science4peace.events.domain import queries, registrations
from science4peace.events.domain.access import access_event
from science4peace.events.interfaces.mail import notify_for
from science4peace.events.interfaces.schemas import (
    EventFilters,
    EventOut,
    ProgrammeOut,
    RegistrantFilters,
    RegistrantOut,
    RegistrationIn,
    RegistrationOut,
    WithdrawOut,
    programme_out,
)
from science4peace.events.models import Registration
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
