"""Calendars, frab schedules, video-room redirects and certificates."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from science4peace.events.domain import queries, video
from science4peace.events.domain.access import (
    access_certificate,
    access_contribution,
    access_event,
    access_session,
)
from science4peace.events.interfaces import frab
from science4peace.events.interfaces.calendars import Entry, calendar
from science4peace.events.interfaces.mail import agenda_entries
from science4peace.events.models import Event


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _event_url(request: HttpRequest, event: Event, name: str = "events:timetable") -> str:
    return request.build_absolute_uri(reverse(name, args=[event.pk]))


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    url = _event_url(request, event)
    entries = [
        Entry(b, event.pk, event.title, event.timezone, url)
        for b in queries.programme(event).blocks
    ]
    body = calendar(entries, name=event.title)
    return _attachment(body, "text/calendar; charset=utf-8", f"event-{event.pk}.ics")


def session_ics(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    event = access_event(request.user, pk)
    blocks = [b for b in queries.programme(event).blocks if b.session_id == session_id]
    if not blocks:
        raise Http404(_("No such session."))
    url = _event_url(request, event)
    body = calendar(
        [Entry(blocks[0], event.pk, event.title, event.timezone, url)], name=event.title
    )
    return _attachment(body, "text/calendar; charset=utf-8", f"session-{session_id}.ics")


@login_required
def my_agenda(request: HttpRequest) -> HttpResponse:
    """Every session of every event the viewer takes part in, with the video room links."""
    base_url = request.build_absolute_uri("/")
    entries = [
        entry
        for registration in queries.my_registrations(request.user)
        for entry in agenda_entries(registration, base_url)
    ]
    body = calendar(entries, name="My agenda")
    return _attachment(body, "text/calendar; charset=utf-8", "my-agenda.ics")


def _cached_export(event: Event, kind: str, build) -> bytes:
    return cache.get_or_set(f"events:{kind}:{event.pk}:{event.version}", build, timeout=3600)


def slides(request: HttpRequest, pk: int, contribution_id: int) -> FileResponse:
    contribution = access_contribution(request.user, pk, contribution_id)
    if not contribution.slides:
        raise Http404
    return FileResponse(
        contribution.slides.open("rb"),
        content_type="application/pdf",
        filename=f"contribution-{contribution.pk}.pdf",
    )


def schedule_xml(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    event_url = _event_url(request, event, "events:detail")
    body = _cached_export(
        event,
        "frab-xml",
        lambda: frab.schedule_xml(queries.programme(event), event, base_url=event_url),
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def schedule_json(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    event_url = _event_url(request, event, "events:detail")
    body = _cached_export(
        event,
        "frab-json",
        lambda: json.dumps(
            frab.schedule_json(queries.programme(event), event, base_url=event_url),
            ensure_ascii=False,
        ).encode(),
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@login_required
def join(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    session = access_session(request.user, pk, session_id)
    event = session.event
    try:
        target = video.join_url(session, request.user, timezone.now())
    except PermissionDenied as error:
        opens = video.opens_at(session)
        return render(
            request,
            "events/join_refused.html",
            {"event": event, "session": session, "error": error, "opens": opens},
            status=403,
        )
    except video.VideoUnavailable as error:
        return render(
            request,
            "events/join_refused.html",
            {"event": event, "session": session, "error": error},
            status=503,
        )
    return HttpResponseRedirect(target)


@login_required
def certificate(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    grant = access_certificate(request.user, pk, kind=kind, now=timezone.now())
    from science4peace.events.interfaces import certificates  # fpdf2 and its fonts: only here

    event = grant.event
    document = certificates.Certificate(
        kind=grant.kind,
        name=grant.name,
        event_title=event.title,
        dates=f"{event.start_date:%Y-%m-%d} – {event.end_date:%Y-%m-%d}",
        contributions=grant.contributions,
        verify_url=_event_url(request, event, "events:detail"),
    )
    language = request.GET.get("lang") or translation.get_language() or "en"
    if language not in dict(settings.LANGUAGES):
        language = "en"
    pdf = certificates.render(document, language)
    return _attachment(pdf, "application/pdf", f"certificate-{kind}-{event.pk}.pdf")
