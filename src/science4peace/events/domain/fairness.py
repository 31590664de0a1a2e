"""A timetable fair to every time zone, and the travel an online event avoids, for one event.

The fair timetable keeps the programme's positions (start, length, session) and moves the
scheduled contributions among them: interest V from what registered participants marked
(every contribution alike for those who marked none), availability A from each one's zone
(the registration's, else the profile's, else the event's), a contribution only to a position
of its own length at which each of its speakers (those with a zone) is available. Positions in
parallel tracks count as separate slots, as in Patro et al.'s model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.events.domain.changes import require_manager
from science4peace.events.domain.moves import notice_moves, places
from science4peace.events.models import Contribution, Event, Registration
from science4peace.events.signals import bump
from science4peace.people.domain.queries import person_of

if TYPE_CHECKING:
    from science4peace.lib.scheduling import Metrics, Problem

# NumPy, SciPy and the footprint and scheduling libraries are imported in the functions that
# use them: loading them at start-up costs every worker seconds (issue 12, defect 4).


@dataclass(frozen=True)
class Position:
    start: dt.datetime
    duration: int
    session_id: int | None


@dataclass(frozen=True)
class Proposal:
    version: int
    talks: tuple[Contribution, ...]
    positions: tuple[Position, ...]
    assignment: tuple[int, ...]  # position index for each talk
    current: Metrics
    proposed: Metrics
    participants: int
    seconds: float

    @property
    def moves(self) -> list[tuple[Contribution, Position]]:
        return [
            (talk, self.positions[p])
            for n, (talk, p) in enumerate(zip(self.talks, self.assignment, strict=True))
            if p != n
        ]


def _position(talk: Contribution) -> Position:
    assert talk.start is not None  # only scheduled contributions are arranged
    return Position(talk.start, talk.duration, talk.session_id)


def _talks(event: Event) -> list[Contribution]:
    return list(
        Contribution.objects.filter(event=event, start__isnull=False)
        .prefetch_related("speakers")
        .order_by("start", "id")
    )


def _registrants(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("user__person")
        .prefetch_related(Prefetch("interests", queryset=Contribution.objects.only("id")))
    )


def _zone(registration: Registration, event: Event) -> str:
    person = person_of(registration.user)
    return registration.timezone or (person.timezone if person else "") or event.timezone


def problem_of(event: Event) -> tuple[Problem, list[Contribution], list[Position]]:
    import numpy as np

    from science4peace.lib.scheduling import Problem, SchedulingError, availability

    talks = _talks(event)
    if len(talks) < 2:
        raise ValidationError(_("Fewer than two scheduled contributions: nothing to arrange."))
    people = _registrants(event)
    if not people:
        raise ValidationError(
            _("Nobody is registered yet: there is nothing to base a proposal on.")
        )
    positions = [_position(t) for t in talks]
    starts = [p.start for p in positions]
    index = {t.pk: n for n, t in enumerate(talks)}
    V = np.zeros((len(people), len(talks)))
    for row, registration in enumerate(people):
        marked = [index[c.pk] for c in registration.interests.all() if c.pk in index]
        V[row, marked or slice(None)] = 1
    try:
        A = availability([_zone(r, event) for r in people], starts)
        allowed = np.array([[t.duration == p.duration for p in positions] for t in talks])
        for n, talk in enumerate(talks):
            zones = [s.timezone for s in talk.speakers.all() if s.timezone]
            if zones:
                allowed[n] &= (availability(zones, starts) > 0).all(axis=0)
            allowed[n, n] |= not allowed[n].any()  # nowhere fits: it stays where it is
        return Problem(V, A, allowed_slots=allowed), talks, positions
    except SchedulingError as exc:
        raise ValidationError(str(exc)) from exc


def propose(event: Event, lambda1: float, lambda2: float) -> Proposal:
    import numpy as np

    from science4peace.lib.scheduling import SchedulingError, solve
    from science4peace.lib.scheduling.metrics import evaluate

    problem, talks, positions = problem_of(event)
    try:
        result = solve(problem, "mfairconf", lambda1, lambda2, time_limit=20)
    except SchedulingError as exc:
        raise ValidationError(str(exc)) from exc
    current = evaluate(problem.V, problem.A, np.eye(len(talks)))
    return Proposal(
        version=event.version,
        talks=tuple(talks),
        positions=tuple(positions),
        assignment=tuple(int(s) for s in result.X.argmax(axis=1)),
        current=current,
        proposed=result.metrics,
        participants=problem.participants,
        seconds=result.seconds,
    )


def do_apply(event: Event, *, actor: Any, version: int, talk_ids: list[int], to: list[int]) -> int:
    """Move the contributions ``talk_ids`` to the positions ``to`` (indices into the current
    positions), if the programme is still the one the proposal was made for. Returns the
    number of contributions moved."""
    require_manager(actor, event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        talks = _talks(locked)
        if locked.version != version or [t.pk for t in talks] != talk_ids:
            raise ValidationError(_("The programme changed since the proposal; propose again."))
        if sorted(to) != list(range(len(talks))):
            raise ValidationError(_("The proposal does not give each position one contribution."))
        positions = [_position(t) for t in talks]
        before = places(locked)
        moved = 0
        for talk, target in zip(talks, to, strict=True):
            place = positions[target]
            if place.duration != talk.duration:
                raise ValidationError(_("A contribution cannot move to a slot of another length."))
            if (talk.start, talk.session_id) != (place.start, place.session_id):
                Contribution.objects.filter(pk=talk.pk).update(
                    start=place.start, session_id=place.session_id
                )
                moved += 1
        bump(locked.pk)  # .update() sends no signal
        notice_moves(locked, before)
        audit.record(
            actor=actor,
            action="event.fair_timetable",
            obj=locked,
            after={"moved": moved, "order": dict(zip(map(str, talk_ids), to, strict=True))},
        )
    return moved


@dataclass(frozen=True)
class Avoided:
    """Travel emissions meeting online avoids, one figure per factor table."""

    venue: str
    placed: int
    unplaced: int
    tonnes: dict[str, float]

    @property
    def low(self) -> float:
        return min(self.tonnes.values())

    @property
    def high(self) -> float:
        return max(self.tonnes.values())


def _profile_position(registration: Registration) -> tuple[float, float] | None:
    """A town without an airport: the position in the person's profile, if its city is the
    one given at registration."""
    person = person_of(registration.user)
    if person is None or person.latitude is None or person.longitude is None:
        return None
    if person.city.strip().casefold() != registration.city.strip().casefold():
        return None
    return float(person.latitude), float(person.longitude)


def travel_avoided(event: Event) -> Avoided | None:
    """None without a notional venue or without a registrant who gave a city."""
    if event.venue_lat is None or event.venue_lon is None:
        return None
    import numpy as np

    from science4peace.lib import footprint
    from science4peace.lib.footprint.places import place_name

    registrations = (
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .exclude(city="")
        .select_related("user__person")
    )
    counts: dict[tuple[float, float], int] = {}
    unplaced = 0
    for registration in registrations:
        found = place_name(registration.city) or _profile_position(registration)
        if found is None:
            unplaced += 1
        else:
            counts[found] = counts.get(found, 0) + 1
    if not counts:
        return None
    where = footprint.Attendees(
        tuple(f"{lat:.2f},{lon:.2f}" for lat, lon in counts),
        np.array([lat for lat, _lon in counts]),
        np.array([lon for _lat, lon in counts]),
        np.array(list(counts.values()), dtype=float),
    )
    venue = (event.venue_lat, event.venue_lon)
    tonnes = {
        name: footprint.in_person(where, venue, footprint.table(name)).tonnes
        for name in footprint.FACTOR_TABLES
    }
    return Avoided(event.venue_name, int(where.total), unplaced, tonnes)
