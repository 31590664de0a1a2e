"""The fair timetable (organisers), participants' interests, and the travel avoided."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import submit
from science4peace.events.domain import fairness, queries, registrations
from science4peace.events.domain.access import access_event, access_participation
from science4peace.events.interfaces.forms import FairnessForm, InterestsForm


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part]
    except ValueError:
        raise ValidationError(_("The proposal was garbled; propose again.")) from None


@login_required
def fair_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="manage")
    form = FairnessForm(request.GET if "lambda1" in request.GET else None)
    proposal, error = None, ""
    if form.is_valid():
        try:
            proposal = fairness.propose(event, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    context = {"event": event, "form": form, "proposal": proposal, "error": error}
    return render(request, "events/fair_timetable.html", context, status=400 if error else 200)


@login_required
@require_POST
def apply_fair_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="manage")
    try:
        moved = fairness.do_apply(
            event,
            actor=request.user,
            version=int(request.POST.get("version", "0") or 0),
            talk_ids=_ids(request.POST.get("talks", "")),
            to=_ids(request.POST.get("to", "")),
        )
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("events:fair-timetable", pk=pk)
    messages.success(
        request, _("The fair timetable was applied: %(n)d contributions moved.") % {"n": moved}
    )
    return redirect("events:manage", pk=pk)


@login_required
def interests(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access_participation(request.user, pk)
    event = registration.event
    talks = queries.scheduled_talks(event)
    # an empty POST is a choice too: no box ticked clears the marks
    form = InterestsForm(request.POST if request.method == "POST" else None, talks=talks)
    if request.method == "POST" and submit(
        form,
        lambda data: registrations.do_mark_interests(
            registration, actor=request.user, talks=data["talk"]
        ),
    ):
        messages.success(request, _("Your interests were saved."))
        return redirect("events:detail", pk=pk)
    marked = queries.marked_talks(registration)
    context = {"event": event, "talks": talks, "marked": marked, "form": form}
    return render(request, "events/interests.html", context, status=400 if form.errors else 200)


def travel_chart(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    avoided = fairness.travel_avoided(event)
    if avoided is None:
        raise Http404
    figures = repr(sorted(avoided.tonnes.items())).encode()
    key = f"events:travel-chart:{hashlib.blake2b(figures, digest_size=12).hexdigest()}"
    from science4peace.events.interfaces.charts import avoided_svg  # Matplotlib: only here

    svg = cache.get_or_set(key, lambda: avoided_svg(avoided.tonnes), timeout=3600)
    return HttpResponse(svg, content_type="image/svg+xml")
