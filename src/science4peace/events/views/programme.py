"""Organisers' pages for the programme: tracks, sessions and breaks, contributions; and the
slides and recording of a contribution, which its speakers may change too."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.confirm import confirm_page
from science4peace.core.forms import submit
from science4peace.events.domain import changes
from science4peace.events.domain.access import access_contribution, access_event, access_session
from science4peace.events.interfaces.forms import (
    ContributionForm,
    MaterialsForm,
    SessionForm,
    TrackForm,
)

from .manage_event import status_of


@login_required
@require_POST
def add_track(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="manage")
    form = TrackForm(request.POST)
    if form.is_valid():
        try:
            changes.do_save_track(event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Give the track a name."))
    return redirect("events:manage", pk=pk)


@login_required
def edit_session(request: HttpRequest, pk: int, session_id: int | None = None) -> HttpResponse:
    session = access_session(request.user, pk, session_id, to="manage") if session_id else None
    event = session.event if session else access_event(request.user, pk, to="manage")
    form = SessionForm(request.POST or None, event=event, session=session)
    if request.method == "POST" and submit(
        form,
        lambda data: changes.do_save_session(event, actor=request.user, session=session, **data),
    ):
        messages.success(request, _("The session was saved."))
        return redirect("events:manage", pk=pk)
    context = {"event": event, "form": form, "session": session}
    return render(request, "events/edit_session.html", context, status=status_of(form))


@login_required
def edit_contribution(
    request: HttpRequest, pk: int, contribution_id: int | None = None
) -> HttpResponse:
    contribution = (
        access_contribution(request.user, pk, contribution_id, to="manage")
        if contribution_id
        else None
    )
    event = contribution.event if contribution else access_event(request.user, pk, to="manage")
    form = ContributionForm(request.POST or None, event=event, contribution=contribution)
    if request.method == "POST" and submit(
        form,
        lambda data: changes.do_save_contribution(
            event,
            actor=request.user,
            contribution=contribution,
            title=data["title"],
            kind=data["kind"],
            abstract=data["abstract"],
            session=data["session"],
            start=form.local_start(),
            duration=data["duration"],
            speakers=changes.match_speakers(data["speakers"].splitlines()),
        ),
    ):
        messages.success(request, _("The contribution was saved."))
        return redirect("events:manage", pk=pk)
    context = {"event": event, "form": form, "contribution": contribution}
    return render(request, "events/edit_contribution.html", context, status=status_of(form))


@login_required
def delete(request: HttpRequest, pk: int, what: str, item_id: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST deletes."""
    if what == "session":
        item = access_session(request.user, pk, item_id, to="manage")
    elif what == "contribution":
        item = access_contribution(request.user, pk, item_id, to="manage")
    else:
        raise Http404
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Delete “%(title)s”?") % {"title": item.title},
            confirm_label=_("Delete"),
            cancel=reverse("events:manage", args=[pk]),
        )
    changes.do_delete(item, actor=request.user)
    messages.success(request, _("Deleted."))
    return redirect("events:manage", pk=pk)


@login_required
def materials(request: HttpRequest, pk: int, contribution_id: int) -> HttpResponse:
    contribution = access_contribution(request.user, pk, contribution_id, to="present")
    form = MaterialsForm(
        request.POST or None,
        request.FILES or None,
        initial={"recording_url": contribution.recording_url},
    )
    if request.method == "POST" and submit(
        form,
        lambda data: changes.do_set_materials(
            contribution,
            actor=request.user,
            slides=data["slides"],
            recording_url=data["recording_url"],
        ),
    ):
        messages.success(request, _("The materials were saved."))
        return redirect("events:detail", pk=pk)
    context = {
        "event": contribution.event,
        "contribution": contribution,
        "form": form,
        "limit": settings.S4P_MAX_UPLOAD_BYTES,
    }
    return render(request, "events/materials.html", context, status=status_of(form))
