"""Creating and editing events and their programmes. Organisers plan in the event's zone:
wall-clock times arrive naive and become UTC here, through ``zoneinfo`` (invariant 4). Every
change is validated in full before anything is saved and recorded in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.uploads import check_pdf
from science4peace.events import rules
from science4peace.events.domain import registrations
from science4peace.events.domain.access import may_present
from science4peace.events.domain.moves import notice_moves
from science4peace.events.models import (
    Contribution,
    ContributionSpeaker,
    Event,
    EventRole,
    Session,
    Track,
)
from science4peace.events.signals import bump
from science4peace.lib.timezones import TimeZoneError, to_utc
from science4peace.people.models import Person

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "timezone",
    "start_date",
    "end_date",
    "visibility",
    "registration_open",
    "capacity",
    "consent_text",
    "video",
    "venue_name",
    "reminder_minutes",
)


def require_manager(actor: Any, event: Event) -> None:
    if not rules.can_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


def utc(local_time: dt.datetime, zone_name: str, field: str) -> dt.datetime:
    try:
        return to_utc(local_time, zone_name)
    except TimeZoneError as error:
        raise ValidationError({field: str(error)}) from error


@transaction.atomic
def do_create_event(*, actor: Any, **fields: Any) -> Event:
    if not rules.can_create_event(actor):
        raise PermissionDenied(_("Log in to create an event."))
    event = Event(**{name: fields[name] for name in EVENT_FIELDS if name in fields})
    event.full_clean()
    _place_venue(event)
    event.save()
    EventRole.objects.create(event=event, user=actor, role=EventRole.Role.ORGANISER)
    audit.record(actor=actor, action="event.create", obj=event, after=audit.snapshot(event))
    return event


@transaction.atomic
def _place_venue(event: Event) -> None:
    """The notional venue's position, looked up offline; an error if it cannot be placed."""
    if not event.venue_name.strip():
        event.venue_lat = event.venue_lon = None
        return
    from science4peace.lib.footprint.places import place_name  # NumPy: load only when needed

    found = place_name(event.venue_name)
    if found is None:
        raise ValidationError(
            {"venue_name": _("“%(name)s” could not be placed; write it as “City, Country”.")
             % {"name": event.venue_name}}
        )  # fmt: skip
    event.venue_lat, event.venue_lon = found


@transaction.atomic
def do_update_event(
    event: Event, *, actor: Any, notify: registrations.Notify | None = None, **fields: Any
) -> Event:
    """Change the event's fields; when places open up, the waiting list moves up."""
    require_manager(actor, event)
    registrations.lock(event)
    before = audit.snapshot(event)
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    event.full_clean()
    _place_venue(event)
    event.version = F("version") + 1
    event.save()
    event.refresh_from_db()
    audit.record(
        actor=actor, action="event.update", obj=event, before=before, after=audit.snapshot(event)
    )
    registrations.promote_waiting(event, actor=actor, notify=notify)
    return event


@transaction.atomic
def do_set_role(event: Event, *, actor: Any, user: Any, role: str | None) -> None:
    """Give ``user`` a role in the event, change it, or take it (``role=None``). An event
    always keeps at least one organiser."""
    require_manager(actor, event)
    if role is not None and role not in EventRole.Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")})
    Event.objects.select_for_update().filter(pk=event.pk).first()
    current = EventRole.objects.filter(event=event, user=user).first()
    organisers = EventRole.objects.filter(event=event, role=EventRole.Role.ORGANISER)
    if (
        current is not None
        and current.role == EventRole.Role.ORGANISER
        and role != EventRole.Role.ORGANISER
        and organisers.count() == 1
    ):
        raise ValidationError(_("An event must keep at least one organiser."))
    before = {"user": user.pk, "role": current.role if current else None}
    if role is None:
        EventRole.objects.filter(event=event, user=user).delete()
    else:
        EventRole.objects.update_or_create(event=event, user=user, defaults={"role": role})
    audit.record(
        actor=actor,
        action="event.role",
        obj=event,
        before=before,
        after={"user": user.pk, "role": role},
    )


@transaction.atomic
def do_save_track(event: Event, *, actor: Any, name: str, position: int = 0) -> Track:
    require_manager(actor, event)
    track = Track(event=event, name=name.strip(), position=position)
    track.full_clean()
    track.save()
    return track


def _session_times(
    event: Event, day: dt.date, start: dt.time, end: dt.time
) -> tuple[dt.datetime, dt.datetime]:
    begins = utc(dt.datetime.combine(day, start), event.timezone, "start")
    ends = utc(dt.datetime.combine(day, end), event.timezone, "end")
    if ends <= begins:
        raise ValidationError({"end": _("The session ends before it starts.")})
    return begins, ends


@transaction.atomic
def do_save_session(
    event: Event,
    *,
    actor: Any,
    title: str,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    kind: str = Session.Kind.SESSION,
    track: Track | None = None,
    repeat_weeks: int = 0,
    session: Session | None = None,
) -> list[Session]:
    """Save a session (new, or ``session`` changed); ``repeat_weeks`` adds that many weekly
    copies at the same local time, each converted on its own date (so across a
    daylight-saving change the UTC time moves and the local time stays)."""
    require_manager(actor, event)
    if track is not None and track.event_id != event.pk:
        raise ValidationError({"track": _("That track belongs to another event.")})
    dates = [day + dt.timedelta(weeks=week) for week in range(repeat_weeks + 1)]
    times = [_session_times(event, date, start, end) for date in dates]  # all valid, or none
    saved = []
    for index, (begins, ends) in enumerate(times):
        target = session if (session is not None and index == 0) else Session(event=event)
        target.title, target.kind, target.track = title.strip(), kind, track
        target.start, target.end = begins, ends
        target.full_clean()
        target.save()
        saved.append(target)
    audit.record(
        actor=actor,
        action="event.session",
        obj=event,
        after={"sessions": [s.pk for s in saved], "title": title},
    )
    return saved


def _find_person(text: str) -> Person | None:
    """By ORCID iD, by ``#id``, or by a unique "Given Family"."""
    if text.startswith("#") and text[1:].isdigit():
        return Person.objects.filter(pk=int(text[1:])).first()
    by_orcid = Person.objects.filter(orcid=text).first()
    if by_orcid is not None:
        return by_orcid
    given, _sep, family = text.rpartition(" ")
    matches = list(Person.objects.filter(given_name=given, family_name=family)[:2])
    return matches[0] if len(matches) == 1 else None


def match_speakers(lines: Iterable[str]) -> list[Person]:
    """People named one per line; unknown names are listed in the error."""
    found: list[Person] = []
    unknown: list[str] = []
    for text in (line.strip() for line in lines):
        person = _find_person(text) if text else None
        if person is not None:
            found.append(person)
        elif text:
            unknown.append(text)
    if unknown:
        raise ValidationError(
            {"speakers": _("No person found for: %(names)s") % {"names": "; ".join(unknown)}}
        )
    return found


def speaker_lines(contribution: Contribution) -> str:
    """The speakers in programme order, one per line as the contribution form takes them."""
    links = contribution.speaker_links.select_related("person").order_by("position", "id")
    return "\n".join(link.person.orcid or f"#{link.person_id}" for link in links)


def set_speakers(
    contribution: Contribution, people: Iterable[Person], affiliations: Iterable[str] = ()
) -> None:
    """Make ``people`` the contribution's speakers in this order (a person named twice keeps
    the first place); ``affiliations``, if given, pairs with ``people``. Call inside the
    transaction that saves the contribution."""
    rows: list[ContributionSpeaker] = []
    seen: set[int] = set()
    given = list(affiliations)
    for index, person in enumerate(people):
        if person.pk in seen:
            continue
        seen.add(person.pk)
        affiliation = given[index] if index < len(given) else ""
        rows.append(
            ContributionSpeaker(
                contribution=contribution,
                person=person,
                position=len(rows),
                affiliation=affiliation[:250],
            )
        )
    ContributionSpeaker.objects.filter(contribution=contribution).delete()
    ContributionSpeaker.objects.bulk_create(rows)
    bump(contribution.event_id)


@transaction.atomic
def do_save_contribution(
    event: Event,
    *,
    actor: Any,
    title: str,
    kind: str,
    duration: int,
    abstract: str = "",
    session: Session | None = None,
    start: dt.datetime | None = None,
    speakers: list[Person] | None = None,
    contribution: Contribution | None = None,
) -> Contribution:
    """``start`` is naive wall-clock time in the event's zone, or None (unscheduled)."""
    require_manager(actor, event)
    if session is not None and session.event_id != event.pk:
        raise ValidationError({"session": _("That session belongs to another event.")})
    target = contribution or Contribution(event=event)
    before = {target.pk: (target.start, target.session_id)} if target.pk else {}
    target.title, target.kind, target.duration = title.strip(), kind, duration
    target.abstract, target.session = abstract, session
    target.start = utc(start, event.timezone, "start") if start else None
    target.full_clean(exclude=["slides"])
    target.save()
    if speakers is not None:
        set_speakers(target, speakers)
    notice_moves(event, before)
    audit.record(
        actor=actor, action="event.contribution", obj=event, after={"contribution": target.pk}
    )
    return target


@transaction.atomic
def do_delete(obj: Session | Contribution | Track, *, actor: Any) -> None:
    event = obj.event
    require_manager(actor, event)
    audit.record(actor=actor, action="event.delete", obj=event, before={"deleted": str(obj)})
    obj.delete()


@transaction.atomic
def do_set_materials(
    contribution: Contribution,
    *,
    actor: Any,
    slides: UploadedFile | None = None,
    recording_url: str | None = None,
) -> Contribution:
    if not may_present(actor, contribution):
        raise PermissionDenied(_("Only the speakers and organisers may do this."))
    if slides is not None:
        check_pdf(slides, "slides")
    if recording_url is not None:
        contribution.recording_url = recording_url
        contribution.full_clean(exclude=["slides"])
    if slides is not None:
        contribution.slides.save(f"contribution-{contribution.pk}.pdf", slides, save=False)
    contribution.save()
    audit.record(
        actor=actor,
        action="event.materials",
        obj=contribution.event,
        after={"contribution": contribution.pk, "slides": contribution.slides.name or ""},
    )
    return contribution
