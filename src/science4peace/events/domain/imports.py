"""Moving an Indico event over: one new event (the importer its organiser), its tracks,
sessions and contributions, in one transaction. Indico's session blocks are rebuilt as one
session per session name and day, spanning its contributions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from science4peace.core import audit
from science4peace.events.domain.changes import do_create_event
from science4peace.events.interfaces import indico
from science4peace.events.models import Contribution, Event, Session, Track
from science4peace.lib.timezones import local
from science4peace.people.models import Person

KINDS = {"lecture": Contribution.Kind.LECTURE, "poster": Contribution.Kind.POSTER}


@dataclass
class ImportReport:
    event: Event
    contributions: int = 0
    sessions: int = 0
    unscheduled: int = 0
    new_people: list[str] = field(default_factory=list)


def _person(speaker: indico.Speaker, report: ImportReport) -> Person:
    found = Person.objects.filter(
        given_name=speaker.given_name, family_name=speaker.family_name
    ).first()
    if found:
        return found
    report.new_people.append(f"{speaker.given_name} {speaker.family_name}".strip())
    return Person.objects.create(given_name=speaker.given_name, family_name=speaker.family_name)


@transaction.atomic
def do_import_indico(source: indico.IndicoEvent, *, actor: Any) -> ImportReport:
    event = do_create_event(
        actor=actor,
        title=source.title,
        kind=Event.Kind.CONFERENCE,
        description=source.description,
        timezone=source.timezone,
        start_date=local(source.start, source.timezone).date(),
        end_date=local(source.end, source.timezone).date(),
        visibility=Event.Visibility.UNLISTED,
    )
    report = ImportReport(event)
    tracks = {
        name: Track.objects.create(event=event, name=name[:150], position=index)
        for index, name in enumerate(sorted({c.track for c in source.contributions if c.track}))
    }
    blocks: dict[tuple[str, dt.date], list[tuple[int, dt.datetime, int]]] = defaultdict(list)
    for index, item in enumerate(source.contributions):
        if item.start is not None and item.session:
            day = local(item.start, source.timezone).date()
            blocks[(item.session, day)].append((index, item.start, item.duration))
    session_of: dict[int, Session] = {}
    for (name, _day), rows in sorted(blocks.items(), key=lambda kv: min(r[1] for r in kv[1])):
        tracks_here = {source.contributions[i].track for i, _s, _d in rows} - {""}
        session = Session.objects.create(
            event=event,
            title=name,
            track=tracks[tracks_here.pop()] if len(tracks_here) == 1 else None,
            start=min(start for _i, start, _d in rows),
            end=max(start + dt.timedelta(minutes=minutes) for _i, start, minutes in rows),
        )
        report.sessions += 1
        session_of.update((i, session) for i, _s, _d in rows)
    for index, item in enumerate(source.contributions):
        contribution = Contribution.objects.create(
            event=event,
            session=session_of.get(index),
            kind=KINDS.get(item.kind, Contribution.Kind.TALK),
            title=item.title,
            abstract=item.description,
            start=item.start,
            duration=item.duration,
        )
        contribution.speakers.set([_person(s, report) for s in item.speakers])
        report.contributions += 1
        report.unscheduled += item.start is None
    audit.record(
        actor=actor,
        action="event.import.indico",
        obj=event,
        after={"indico_id": source.id, "contributions": report.contributions},
    )
    return report
