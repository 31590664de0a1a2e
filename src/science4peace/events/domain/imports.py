"""Moving an Indico event over (``lib/indico.py`` reads the export): one new event (the
importer and any further owners its organisers), its tracks, session blocks and
contributions, in one transaction. The page, ``s4p events import-indico`` and
``POST /api/events/import-indico`` all come here and get the same summary.

Who is who: a speaker is the same as a person already on the platform only when their ORCID
iD is the same, or when the e-mail hash Indico exports is the hash of that person's account
address; a name alone never decides. Otherwise a new person is created with the name, ORCID
iD and affiliation of the export; the affiliation is linked to an institution whose name is
exactly the same, if there is exactly one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.events.domain.changes import do_create_event, set_speakers
from science4peace.events.models import Contribution, Event, EventRole, Session, Track
from science4peace.institutions.models import Institution
from science4peace.lib import indico
from science4peace.lib.timezones import local
from science4peace.people.models import Affiliation, Person

KINDS = {"lecture": Contribution.Kind.LECTURE, "poster": Contribution.Kind.POSTER}


@dataclass
class PersonNote:
    name: str
    person_id: int
    how: str  # matched: "orcid" or "email hash"; created: "new"
    detail: str  # why, in words


@dataclass
class ImportSummary:
    event: Event
    contributions: int = 0
    sessions: int = 0
    tracks: int = 0
    unscheduled: int = 0
    created: list[PersonNote] = field(default_factory=list)
    matched: list[PersonNote] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary in words; the page, the command line and the API show these."""
        lines = [
            _(
                "Created event #%(event)s with %(contributions)s contributions "
                "(%(unscheduled)s unscheduled), %(sessions)s session blocks and "
                "%(tracks)s tracks."
            )
            % {
                "event": self.event.pk,
                "contributions": self.contributions,
                "unscheduled": self.unscheduled,
                "sessions": self.sessions,
                "tracks": self.tracks,
            }
        ]
        lines += [_("New person: %(name)s — %(why)s") % _words(n) for n in self.created]
        lines += [_("Matched: %(name)s — %(why)s") % _words(n) for n in self.matched]
        lines += [_("Left out: %(what)s") % {"what": text} for text in self.left_out]
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.event.pk,
            "contributions": self.contributions,
            "sessions": self.sessions,
            "tracks": self.tracks,
            "unscheduled": self.unscheduled,
            "created": [note.__dict__ for note in self.created],
            "matched": [note.__dict__ for note in self.matched],
            "left_out": list(self.left_out),
            "summary": self.lines(),
        }


def _words(note: PersonNote) -> dict[str, str]:
    return {"name": note.name, "why": note.detail}


class _People:
    """Finds or creates the person behind each speaker, once per speaker of the export."""

    def __init__(self, source: indico.IndicoEvent, summary: ImportSummary) -> None:
        speakers = [s for c in source.contributions for s in c.speakers]
        self.summary = summary
        self.since = summary.event.start_date
        self.found: dict[tuple[str, ...], Person] = {}
        orcids = {s.orcid for s in speakers if s.orcid}
        self.by_orcid = {p.orcid: p for p in Person.objects.filter(orcid__in=orcids)}
        self.by_hash: dict[str, Person] = {}
        if any(s.email_hash for s in speakers):
            # verified addresses only: an unconfirmed address proves nobody's identity
            rows = EmailAddress.objects.filter(verified=True, user__person__isnull=False)
            owners = dict(rows.values_list("email", "user__person"))
            people = Person.objects.in_bulk(set(owners.values()))
            for address, person_id in owners.items():
                for variant in {address.strip(), address.strip().lower()}:
                    self.by_hash.setdefault(indico.email_hash(variant), people[person_id])
        names = {s.affiliation for s in speakers if s.affiliation}
        self.institutions: dict[str, list[Institution]] = {}
        for institution in Institution.objects.filter(name__in=names):
            self.institutions.setdefault(institution.name, []).append(institution)
        pairs = {(s.given_name, s.family_name) for s in speakers if not s.orcid}
        self.namesakes = {
            (p.given_name, p.family_name)
            for p in Person.objects.filter(family_name__in={f for _g, f in pairs})
            if (p.given_name, p.family_name) in pairs
        }

    @staticmethod
    def _key(speaker: indico.Speaker) -> tuple[str, ...]:
        if speaker.orcid:
            return ("orcid", speaker.orcid)
        if speaker.email_hash:
            return ("hash", speaker.email_hash)
        if speaker.indico_id:
            return ("indico", speaker.indico_id)
        return ("name", speaker.given_name, speaker.family_name, speaker.affiliation)

    def person(self, speaker: indico.Speaker) -> Person:
        key = self._key(speaker)
        if key not in self.found:
            self.found[key] = self._match(speaker) or self._create(speaker)
        return self.found[key]

    def _match(self, speaker: indico.Speaker) -> Person | None:
        person = self.by_orcid.get(speaker.orcid) if speaker.orcid else None
        if person is not None:
            detail = _("same ORCID iD %(orcid)s") % {"orcid": speaker.orcid}
            self.summary.matched.append(PersonNote(speaker.name, person.pk, "orcid", detail))
            return person
        person = self.by_hash.get(speaker.email_hash) if speaker.email_hash else None
        if person is not None:
            detail = _("the e-mail hash of the export is that of a verified address of the person")
            self.summary.matched.append(PersonNote(speaker.name, person.pk, "email hash", detail))
        return person

    def _create(self, speaker: indico.Speaker) -> Person:
        person = _checked(
            Person(
                given_name=speaker.given_name,
                family_name=speaker.family_name,
                orcid=speaker.orcid or None,
            ),
            exclude=["user"],
        )
        reasons = []
        if (speaker.given_name, speaker.family_name) in self.namesakes:
            reasons.append(
                _("a person of the same name exists but nothing shows it is the same person")
            )
        reasons.append(self._affiliate(person, speaker.affiliation))
        self.summary.created.append(PersonNote(speaker.name, person.pk, "new", "; ".join(reasons)))
        return person

    def _affiliate(self, person: Person, name: str) -> str:
        if not name:
            return _("no affiliation in the export")
        candidates = self.institutions.get(name, [])
        if len(candidates) > 1:
            text = _("affiliation “%(name)s” kept with the talk: %(count)s institutions have it")
            return text % {"name": name, "count": len(candidates)}
        if not candidates:
            text = _("affiliation “%(name)s” kept with the talk: no institution has exactly it")
            return text % {"name": name}
        Affiliation.objects.create(person=person, institution=candidates[0], start=self.since)
        return _("affiliated with %(institution)s (#%(id)s)") % {
            "institution": candidates[0].name,
            "id": candidates[0].pk,
        }


def find_owners(emails: Iterable[str]) -> list[Any]:
    """The accounts with these e-mail addresses, in order; a ValueError names the addresses
    that belong to no account (or to more than one)."""
    users = get_user_model().objects
    found, unknown = [], []
    for address in emails:
        matches = list(users.filter(email__iexact=address.strip(), is_active=True)[:2])
        if len(matches) == 1:
            found.append(matches[0])
        else:
            unknown.append(address)
    if unknown:
        raise ValueError("no single active account has the e-mail address " + ", ".join(unknown))
    return found


M = TypeVar("M", bound=models.Model)


def _checked(obj: M, *, exclude: Sequence[str] = ()) -> M:
    """Save ``obj`` after the checks of its fields (the text limits and the refusal of
    control characters that forms and the API apply): an import brings nothing the pages
    would refuse. A refused field names the object: "contribution: title: ..."."""
    try:
        obj.clean_fields(exclude=list(exclude))
    except ValidationError as error:
        kind = str(obj._meta.verbose_name)
        raise ValidationError(
            [f"{kind}: {field}: {' '.join(texts)}" for field, texts in error.message_dict.items()]
        ) from error
    obj.save()
    return obj


def _tracks(source: indico.IndicoEvent, event: Event) -> dict[str, Track]:
    names = sorted({c.track for c in source.contributions if c.track})
    return {
        name: _checked(Track(event=event, name=name, position=index))
        for index, name in enumerate(names)
    }


def _sessions(
    source: indico.IndicoEvent, event: Event, tracks: dict[str, Track]
) -> dict[str, Session]:
    sessions = {}
    for block in source.blocks:
        inside = {c.track for c in source.contributions if c.block == block.key} - {""}
        sessions[block.key] = _checked(
            Session(
                event=event,
                title=block.title,
                track=tracks[inside.pop()] if len(inside) == 1 else None,
                start=block.start,
                end=block.end,
            )
        )
    return sessions


@transaction.atomic
def do_import_indico(
    source: indico.IndicoEvent, *, actor: Any, owners: Sequence[Any] = ()
) -> ImportSummary:
    """Create the event of ``source``; ``actor`` and ``owners`` become its organisers."""
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
    for owner in owners:
        if owner.pk != actor.pk:
            EventRole.objects.get_or_create(
                event=event, user=owner, defaults={"role": EventRole.Role.ORGANISER}
            )
    summary = ImportSummary(event, left_out=list(source.left_out))
    tracks = _tracks(source, event)
    sessions = _sessions(source, event, tracks)
    people = _People(source, summary)
    for item in source.contributions:
        contribution = _checked(
            Contribution(
                event=event,
                session=sessions.get(item.block),
                track=tracks.get(item.track),
                kind=KINDS.get(item.kind, Contribution.Kind.TALK),
                title=item.title,
                abstract=item.description,
                start=item.start,
                duration=item.duration,
            ),
            exclude=["slides"],
        )
        set_speakers(
            contribution,
            [people.person(s) for s in item.speakers],
            [s.affiliation for s in item.speakers],
        )
        summary.unscheduled += item.start is None
    summary.contributions = len(source.contributions)
    summary.sessions, summary.tracks = len(sessions), len(tracks)
    audit.record(
        actor=actor,
        action="event.import.indico",
        obj=event,
        after={
            "indico_id": source.id,
            "contributions": summary.contributions,
            "created": [n.person_id for n in summary.created],
            "matched": [n.person_id for n in summary.matched],
        },
    )
    return summary
