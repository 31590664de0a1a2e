"""Organisers' pages: the event, its programme with conflicts, registrants, the anonymous
selection of school applications, and the Indico import."""

from __future__ import annotations

import csv
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import attach_errors
from science4peace.core.uploads import check_upload
from science4peace.events import rules
from science4peace.events.domain import changes, imports, registrations
from science4peace.events.domain import programme as prog
from science4peace.events.interfaces.forms import (
    ContributionForm,
    DecisionForm,
    EventForm,
    ImportForm,
    MaterialsForm,
    SessionForm,
    TrackForm,
)
from science4peace.events.interfaces.mail import notifier
from science4peace.events.models import Contribution, Event, Registration, Session
from science4peace.lib import indico
from science4peace.lib.timezones import zone

from .common import base_url, managed_event, visible_event


def _status(form) -> int:
    return 400 if form.errors else 200


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = changes.do_create_event(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("events:manage", pk=event.pk)
    return render(request, "events/create.html", {"form": form}, status=_status(form))


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            changes.do_update_event(
                Event.objects.get(pk=event.pk),
                actor=request.user,
                notify=notifier(base_url(request)),
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:manage", pk=pk)
    programme = prog.programme(event)
    context = {
        "event": event,
        "form": form,
        "track_form": TrackForm(),
        "programme": programme,
        "conflicts": prog.conflicts(programme),
    }
    return render(request, "events/manage.html", context, status=_status(form))


@login_required
@require_POST
def add_track(request: HttpRequest, pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    form = TrackForm(request.POST)
    if form.is_valid():
        try:
            changes.do_save_track(event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give the track a name."))
    return redirect("events:manage", pk=pk)


def _local(instant: dt.datetime, event: Event) -> dt.datetime:
    return instant.astimezone(zone(event.timezone))


@login_required
def edit_session(request: HttpRequest, pk: int, session_id: int | None = None) -> HttpResponse:
    event = managed_event(request, pk)
    session = get_object_or_404(Session, pk=session_id, event=event) if session_id else None
    initial = {}
    if session is not None:
        start, end = _local(session.start, event), _local(session.end, event)
        initial = {
            "title": session.title,
            "kind": session.kind,
            "track": session.track_id,
            "day": start.date(),
            "start": start.time(),
            "end": end.time(),
        }
    form = SessionForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["repeat_weeks"] = data.get("repeat_weeks") or 0
        try:
            changes.do_save_session(event, actor=request.user, session=session, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("events:manage", pk=pk)
    context = {"event": event, "form": form, "session": session}
    return render(request, "events/edit_session.html", context, status=_status(form))


@login_required
def edit_contribution(
    request: HttpRequest, pk: int, contribution_id: int | None = None
) -> HttpResponse:
    event = managed_event(request, pk)
    contribution = (
        get_object_or_404(Contribution, pk=contribution_id, event=event)
        if contribution_id
        else None
    )
    initial = {}
    if contribution is not None:
        start = _local(contribution.start, event) if contribution.start else None
        initial = {
            "title": contribution.title,
            "kind": contribution.kind,
            "abstract": contribution.abstract,
            "session": contribution.session_id,
            "day": start.date() if start else None,
            "start": start.time() if start else None,
            "duration": contribution.duration,
            "speakers": changes.speaker_lines(contribution),
        }
    form = ContributionForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = dt.datetime.combine(data["day"], data["start"]) if data.get("day") else None
        try:
            changes.do_save_contribution(
                event,
                actor=request.user,
                contribution=contribution,
                title=data["title"],
                kind=data["kind"],
                abstract=data["abstract"],
                session=data["session"],
                start=start,
                duration=data["duration"],
                speakers=changes.match_speakers(data["speakers"].splitlines()),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The contribution was saved."))
            return redirect("events:manage", pk=pk)
    context = {"event": event, "form": form, "contribution": contribution}
    return render(request, "events/edit_contribution.html", context, status=_status(form))


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, what: str, item_id: int) -> HttpResponse:
    event = managed_event(request, pk)
    model = {"session": Session, "contribution": Contribution}.get(what)
    if model is None:
        raise Http404
    changes.do_delete(get_object_or_404(model, pk=item_id, event=event), actor=request.user)
    messages.success(request, _("Deleted."))
    return redirect("events:manage", pk=pk)


@login_required
def materials(request: HttpRequest, pk: int, contribution_id: int) -> HttpResponse:
    event = visible_event(request, pk)
    contribution = get_object_or_404(Contribution, pk=contribution_id, event=event)
    if not changes.can_edit_materials(request.user, contribution):
        raise Http404
    form = MaterialsForm(
        request.POST or None,
        request.FILES or None,
        initial={"recording_url": contribution.recording_url},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes.do_set_materials(
                contribution,
                actor=request.user,
                slides=form.cleaned_data["slides"],
                recording_url=form.cleaned_data["recording_url"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The materials were saved."))
            return redirect("events:detail", pk=pk)
    context = {
        "event": event,
        "contribution": contribution,
        "form": form,
        "limit": settings.S4P_MAX_UPLOAD_BYTES,
    }
    return render(request, "events/materials.html", context, status=_status(form))


def _registrants(event: Event):
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "user__person")
        .order_by("status", "queued_at", "id")
    )


@login_required
def registrants(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    if not rules.can_review(request.user, event):
        raise Http404
    context = {"event": event, "registrations": _registrants(event)}
    return render(request, "events/registrants.html", context)


@login_required
def registrants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_event(request, pk)
    if not rules.can_review(request.user, event):
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrants.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", "status", "since", "city", "time_zone", "language"])
    for row in _registrants(event):
        person = getattr(row.user, "person", None)
        name = (person.display_name if person else "") or row.user.get_username()
        writer.writerow(
            [
                name,
                row.user.email,
                row.status,
                row.queued_at.astimezone(dt.UTC).isoformat(),
                row.city,
                row.timezone,
                row.language,
            ]
        )
    return response


@login_required
def applications(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection step: each application by its code, motivation and CV only."""
    event = visible_event(request, pk)
    if not (event.is_school and rules.can_review(request.user, event)):
        raise Http404
    pending = Registration.objects.filter(event=event, status=Registration.Status.APPLIED)
    decided = (
        Registration.objects.filter(event=event, decided_at__isnull=False)
        .select_related("user", "user__person")
        .order_by("decided_at")
    )
    context = {
        "event": event,
        "pending": pending.only("code", "motivation", "cv", "queued_at"),
        "decided": decided,
        "form": DecisionForm(),
    }
    return render(request, "events/applications.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    event = visible_event(request, pk)
    registration = get_object_or_404(Registration, event=event, code=code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
        return redirect("events:applications", pk=pk)
    try:
        registrations.do_decide(
            registration,
            actor=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            notify=notifier(base_url(request)),
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:applications", pk=pk)


@login_required
def application_cv(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    event = visible_event(request, pk)
    if not rules.can_review(request.user, event):
        raise Http404
    registration = get_object_or_404(Registration, event=event, code=code)
    if not registration.cv:
        raise Http404
    return FileResponse(
        registration.cv.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"application-{code}.pdf",
    )


@login_required
def import_indico(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            try:
                report = imports.do_import_indico(indico.parse(upload.read()), actor=request.user)
            except indico.IndicoError as error:
                form.add_error("file", str(error))
            else:
                for line in report.lines():
                    messages.success(request, line)
                return redirect("events:manage", pk=report.event.pk)
    return render(request, "events/import.html", {"form": form}, status=_status(form))
