"""Organisers' pages for the event itself: creating it, and the manage page (its settings,
the programme with its conflicts, the tracks)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from science4peace.core.forms import submit
from science4peace.events.domain import changes, queries
from science4peace.events.domain import programme as prog
from science4peace.events.domain.access import access_event
from science4peace.events.interfaces.forms import EventForm, TrackForm
from science4peace.events.interfaces.mail import notify_for


def status_of(form) -> int:
    return 400 if form.errors else 200


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    created = []
    if request.method == "POST" and submit(
        form, lambda data: created.append(changes.do_create_event(actor=request.user, **data))
    ):
        return redirect("events:manage", pk=created[0].pk)
    return render(request, "events/create.html", {"form": form}, status=status_of(form))


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="manage")
    form = EventForm(request.POST or None, instance=event)
    # the domain changes a copy of its own, fetched (and checked) afresh
    if request.method == "POST" and submit(
        form,
        lambda data: changes.do_update_event(
            access_event(request.user, pk, to="manage"),
            actor=request.user,
            notify=notify_for(request),
            **data,
        ),
    ):
        messages.success(request, _("The event was saved."))
        return redirect("events:manage", pk=pk)
    programme = queries.programme(event)
    context = {
        "event": event,
        "form": form,
        "track_form": TrackForm(),
        "programme": programme,
        "conflicts": prog.conflicts(programme),
    }
    return render(request, "events/manage.html", context, status=status_of(form))
