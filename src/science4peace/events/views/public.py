"""Pages everyone sees: the list, an event, its timetable; registering and withdrawing."""

from __future__ import annotations

import bisect
import datetime as dt
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.confirm import confirm_page
from science4peace.core.forms import attach_errors
from science4peace.core.interfaces import pagecache
from science4peace.core.interfaces.pagecache import public_page
from science4peace.events import rules
from science4peace.events.domain import fairness, queries, registrations
from science4peace.events.domain import programme as prog
from science4peace.events.domain.access import access_event, certificates_open
from science4peace.events.interfaces.display import TimeZoneError, profile_zone, viewer_zone
from science4peace.events.interfaces.forms import (
    ApplicationForm,
    EventFilterForm,
    RegistrationForm,
    ZoneSwitchForm,
)
from science4peace.events.interfaces.mail import notify_for
from science4peace.events.interfaces.timetable import timetable_days
from science4peace.events.models import Event, Registration
from science4peace.lib.markup import render as markdown


@public_page(lambda: ("events",))
def event_list(request: HttpRequest) -> HttpResponse:
    """The page, or (for htmx) its list only, filtered by kind."""
    form = EventFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    context = {"form": form, "events": queries.list_events(kind=kind)}
    template = "events/list.html#results" if request.htmx else "events/list.html"
    return render(request, template, context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, event: Event, form=None, status: int = 200) -> HttpResponse:
    form_class = ApplicationForm if event.is_school else RegistrationForm
    description = cache.get_or_set(
        f"events:description:{event.pk}:{event.version}", lambda: markdown(event.description)
    )
    context = {
        "event": event,
        "description": description,
        "registration": queries.registration_of(request.user, event),
        "counts": queries.status_counts(event),
        "form": form
        or form_class(
            initial={"timezone": profile_zone(request)},
            questions=queries.registration_questions(event),
        ),
        "can_manage": rules.can_manage(request.user, event),
        "can_review": rules.can_review(request.user, event),
        "is_speaker": queries.is_speaker(request.user, event),
        "avoided": fairness.travel_avoided(event),
        "certificates_open": certificates_open(event, timezone.now()),
    }
    return render(request, "events/detail.html", context, status=status)


@public_page(lambda pk: (f"event:{pk}", f"event-registrations:{pk}"))
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_event(request.user, pk))


def _fragment(event: Event, programme: prog.Programme, zone_name: str) -> str:
    language = translation.get_language()
    key = f"events:timetable:{event.pk}:{programme.version}:{zone_name}:{language}"
    return cache.get_or_set(
        key,
        lambda: render_to_string(
            "events/_timetable.html",
            {"days": timetable_days(programme, event, zone_name)},
        ),
        timeout=3600,
    )


@public_page(lambda pk: (f"event:{pk}",))
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    try:
        zone_name = viewer_zone(request, event)
    except TimeZoneError as error:
        return render(request, "events/bad_zone.html", {"event": event, "error": error}, status=400)
    programme = queries.programme(event)
    if pagecache.shared(request):
        # "now" and "next" move with the clock: filled into the shared page per request
        now_next = pagecache.hole(
            request,
            NOW_NEXT,
            _now_next_data(programme, zone_name),
            identity=f"{programme.event_id}:{programme.version}:{zone_name}:{translation.get_language()}",
        )
    else:
        now_next = _now_next(zone_name, *prog.now_and_next(programme, timezone.now()))
    context = {
        "event": event,
        "zone": zone_name,
        "profile_zone": profile_zone(request),
        "zone_form": ZoneSwitchForm(initial={"tz": zone_name}, auto_id="tz-%s"),
        "timetable": _fragment(event, programme, zone_name),
        "now_next": now_next,
    }
    return render(request, "events/timetable.html", context)


NOW_NEXT = "events:now-next"


def _now_next(zone_name: str, running: list, following: list) -> str:
    return render_to_string(
        "events/_now_next.html", {"zone": zone_name, "running": running, "following": following}
    )


class _Slot(NamedTuple):
    """A scheduled contribution as "now / next" needs it; times as POSIX timestamps (cheap to
    keep beside the page and to compare), made datetimes again only for what is shown."""

    id: int
    title: str
    start: Any
    end: Any


def _now_next_data(programme: prog.Programme, zone_name: str) -> tuple:
    """What filling "now / next" needs: the language, the zone, the scheduled contributions
    (id, title, start, end) and the instants at which the answer changes."""
    items = tuple(
        _Slot(item.id, item.title, item.start.timestamp(), item.end.timestamp())
        for item in programme.items
        if item.start and item.end
    )
    moments = sorted({m for item in items for m in (item.start, item.end)})
    return translation.get_language(), zone_name, items, tuple(moments)


def _now_next_state(data: tuple, now: dt.datetime) -> str:
    """The same between two consecutive instants at which a contribution starts or ends."""
    return str(bisect.bisect_right(data[3], now.timestamp()))


def _shown(slot: _Slot) -> _Slot:
    return slot._replace(
        start=dt.datetime.fromtimestamp(slot.start, tz=dt.UTC),
        end=dt.datetime.fromtimestamp(slot.end, tz=dt.UTC),
    )


def _now_next_render(data: tuple, state: str) -> str:
    language, zone_name, items, moments = data
    index = int(state)
    instant = moments[index - 1] if index else (moments[0] - 1 if moments else 0)
    running, following = prog.now_and_next(SimpleNamespace(items=items), instant)
    with translation.override(language):
        return _now_next(zone_name, [_shown(s) for s in running], [_shown(s) for s in following])


pagecache.FILLERS[NOW_NEXT] = (_now_next_state, _now_next_render)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    form_class = ApplicationForm if event.is_school else RegistrationForm
    form = form_class(request.POST, request.FILES, questions=queries.registration_questions(event))
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration, created = registrations.do_register(
                event,
                user=request.user,
                consent=data["consent"],
                city=data["city"],
                timezone_name=data["timezone"],
                language=translation.get_language() or "en",
                motivation=data.get("motivation", ""),
                cv=data.get("cv"),
                answers=form.answers(),
                notify=notify_for(request),
            )
        except ValidationError as error:
            attach_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(request, _status_message(registration))
            return redirect("events:detail", pk=event.pk)
    return _detail(request, event, form, status=400)


def _status_message(registration: Registration) -> str:
    return {
        Registration.Status.REGISTERED: _("You are registered. A confirmation is on its way."),
        Registration.Status.WAITING: _("The event is full: you are on the waiting list."),
        Registration.Status.APPLIED: _("Your application has been received."),
    }.get(registration.status, "")


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST withdraws."""
    event = access_event(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Withdraw your registration for %(event)s?") % {"event": event.title},
            confirm_label=_("Withdraw"),
            cancel=reverse("events:detail", args=[event.pk]),
        )
    withdrawn, _promoted = registrations.do_withdraw(
        event, user=request.user, notify=notify_for(request)
    )
    if withdrawn is not None:
        messages.success(request, _("You have withdrawn your registration."))
    return redirect("events:detail", pk=event.pk)
