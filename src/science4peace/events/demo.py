"""Demo events, dated from the day they are loaded: an online conference of three days in two
tracks with speakers on five continents, a weekly seminar series that runs across a
daylight-saving change, and a summer school with anonymous applications."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.contrib.auth import get_user_model
from django.db import transaction

from science4peace.events.domain.changes import (
    do_create_event,
    do_save_contribution,
    do_save_session,
    do_save_track,
)
from science4peace.events.domain.registrations import do_decide, do_register
from science4peace.events.models import Event, Registration, Session
from science4peace.people.models import Person

CONFERENCE = "Science4Peace Online Conference"
SERIES = "East–West Lattice Seminar"
SCHOOL = "Summer School on Open Data in Particle Physics"

CONFERENCE_DESCRIPTION = """\
Three days, two tracks, fully online and free: physics results and open-data work from
every continent, at hours chosen so that no region always gets the night.

Topics range from precision tests of the Standard Model — the muon anomaly
$a_\\mu = (g-2)/2$ — to lattice QCD and public data releases:

$$E^2 = (pc)^2 + (mc^2)^2$$
"""

# (day, track, local start, local end, session title, [(title, minutes, speaker family names)])
PROGRAMME = [
    (0, None, "13:30", "14:00", "Opening", [("Why science needs every country", 30, ["Dubois"])]),
    (0, "Particles and fields", "14:00", "15:30", "Precision tests", [
        ("The muon anomalous magnetic moment on the lattice", 30, ["Ivanova"]),
        ("Electroweak fits after the LHC Run 3", 30, ["Carter"]),
        ("Neutrino masses from cosmology", 30, ["Zhang"]),
    ]),
    (0, "Open data and computing", "14:00", "15:30", "Open data in practice", [
        ("Reproducing a Higgs analysis from CERN Open Data", 30, ["Oliveira"]),
        ("Author lists that treat everyone the same", 30, ["Kovalenko"]),
        ("Teaching with the CMS dimuon spectrum", 30, ["Mokoena"]),
    ]),
    (0, None, "15:30", "16:00", "Break", []),
    (1, "Particles and fields", "14:00", "15:30", "Flavour and heavy ions", [
        ("Lepton universality in B decays", 30, ["Sharma"]),
        ("Quark–gluon plasma at the LHC and RHIC", 30, ["Sato"]),
        ("Heavy-ion collisions at NICA", 30, ["Sokolov"]),
    ]),
    (1, "Open data and computing", "14:00", "15:30", "Software and infrastructure", [
        ("A grid for everyone: federated computing across borders", 30, ["Becker"]),
        ("Preserving analysis code for twenty years", 30, ["Rossi"]),
        ("Open-source video rooms for science", 30, ["Dlamini"]),
    ]),
    (1, None, "15:30", "16:00", "Break", []),
    (2, "Particles and fields", "14:00", "15:30", "Beyond the Standard Model", [
        ("Dark matter searches underground", 30, ["Levi"]),
        ("Axions from the lattice", 30, ["Hosseini"]),
        ("Long-lived particles at colliders", 30, ["Carberry"]),
    ]),
    (2, "Open data and computing", "14:00", "15:30", "Cooperation", [
        ("Measuring international co-authorship", 30, ["Haddad"]),
        ("Summer schools online: what worked", 30, ["Khalil"]),
        ("A travel footprint for physics conferences", 30, ["Fischer"]),
    ]),
    (2, None, "16:00", "16:30", "Closing", [("Outlook", 30, ["Navumenka"])]),
]  # fmt: skip

SCHOOL_MOTIVATIONS = [
    "I am a master's student in experimental physics and want to learn to analyse public "
    "collider data for my thesis.",
    "Our university has no computing cluster; open data and online training are how I can "
    "take part in real research.",
    "I teach physics at a secondary school and want to bring real LHC data into my classroom.",
    "I work on detector simulation and want to learn how the open-data releases are prepared.",
    "I want to start a PhD in particle physics and this school would be my first contact "
    "with analysis tools.",
    "I am a data scientist moving into physics; I want to understand the physics behind "
    "the datasets.",
]


def _monday_after(day: dt.date, weeks: int) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 or 7, weeks=weeks)


def _ascii(text: str) -> str:
    """A name as the local part of an address: "Van der Berg" → "van-der-berg"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "x"


def _participants() -> list:
    """Give demo people accounts (without a usable password) so they can be registered."""
    users = get_user_model().objects
    accounts = []
    for person in Person.objects.filter(user__isnull=True, orcid__isnull=True).order_by("pk")[:30]:
        if not person.given_name:
            continue
        name = f"{_ascii(person.given_name)}.{_ascii(person.family_name)}"
        user, _created = users.get_or_create(
            username=f"demo-{name}", defaults={"email": f"{name}@demo.science4peace.org"}
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        person.user = user
        person.save(update_fields=["user"])
        accounts.append(user)
    return accounts


def _speaker(family: str) -> list[Person]:
    return list(Person.objects.filter(family_name=family).order_by("pk")[:1])


def _conference(admin, start: dt.date) -> Event:
    event = do_create_event(
        actor=admin,
        title=CONFERENCE,
        kind=Event.Kind.CONFERENCE,
        description=CONFERENCE_DESCRIPTION,
        timezone="Europe/Zurich",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        capacity=500,
        video=Event.Video.JITSI,
        venue_name="Geneva, Switzerland",
    )
    tracks = {
        name: do_save_track(event, actor=admin, name=name, position=index)
        for index, name in enumerate(["Particles and fields", "Open data and computing"])
    }
    for offset, track, begins, ends, title, talks in PROGRAMME:
        day = start + dt.timedelta(days=offset)
        (session,) = do_save_session(
            event,
            actor=admin,
            title=title,
            day=day,
            start=dt.time.fromisoformat(begins),
            end=dt.time.fromisoformat(ends),
            kind=Session.Kind.BREAK if title == "Break" else Session.Kind.SESSION,
            track=tracks.get(track) if track else None,
        )
        at = dt.datetime.combine(day, dt.time.fromisoformat(begins))
        for talk_title, minutes, families in talks:
            do_save_contribution(
                event,
                actor=admin,
                title=talk_title,
                kind="talk",
                duration=minutes,
                session=session,
                start=at,
                speakers=[p for family in families for p in _speaker(family)],
            )
            at += dt.timedelta(minutes=minutes)
    return event


def _series(admin, today: dt.date) -> Event:
    first = _monday_after(today, -8) + dt.timedelta(days=3)  # a Thursday
    event = do_create_event(
        actor=admin,
        title=SERIES,
        kind=Event.Kind.SERIES,
        description="Weekly talks on lattice field theory, Thursdays 15:00 Berlin time.",
        timezone="Europe/Berlin",
        start_date=first,
        end_date=first + dt.timedelta(weeks=19),
        video=Event.Video.JITSI,
    )
    sessions = do_save_session(
        event,
        actor=admin,
        title="Lattice seminar",
        day=first,
        start=dt.time(15),
        end=dt.time(16),
        repeat_weeks=19,
    )
    speakers = ["Ivanova", "Morozov", "Zhang", "Sato", "Petrosyan", "Beridze", "Fischer"]
    for index, session in enumerate(sessions):
        family = speakers[index % len(speakers)]
        do_save_contribution(
            event,
            actor=admin,
            title=f"Lattice seminar {index + 1}",
            kind="talk",
            duration=60,
            session=session,
            start=dt.datetime.combine(first + dt.timedelta(weeks=index), dt.time(15)),
            speakers=_speaker(family),
        )
    return event


def _school(admin, start: dt.date, applicants: list) -> Event:
    event = do_create_event(
        actor=admin,
        title=SCHOOL,
        kind=Event.Kind.SCHOOL,
        description="Five mornings of lectures and exercises with public LHC data. "
        "Applications are read without names, institutions or locations.",
        timezone="Asia/Kolkata",
        start_date=start,
        end_date=start + dt.timedelta(days=4),
        capacity=30,
        video=Event.Video.JITSI,
    )
    lecturers = ["Sharma", "Oliveira", "Mokoena", "Becker", "Zhang"]
    for offset, family in enumerate(lecturers):
        day = start + dt.timedelta(days=offset)
        (session,) = do_save_session(
            event,
            actor=admin,
            title=f"Day {offset + 1}",
            day=day,
            start=dt.time(13),
            end=dt.time(15),
        )
        do_save_contribution(
            event,
            actor=admin,
            title=f"Lecture {offset + 1}: analysing open data",
            kind="lecture",
            duration=90,
            session=session,
            start=dt.datetime.combine(day, dt.time(13)),
            speakers=_speaker(family),
        )
    for user, motivation in zip(applicants, SCHOOL_MOTIVATIONS, strict=False):
        do_register(event, user=user, consent=True, motivation=motivation)
    for registration in Registration.objects.filter(event=event).order_by("pk")[:2]:
        do_decide(registration, actor=admin, accept=True)
    return event


@transaction.atomic
def load_demo(today: dt.date | None = None) -> int:
    today = today or dt.date.today()  # noqa: DTZ011 (demo dates follow the local calendar)
    admin = get_user_model().objects.get(username="admin")
    accounts = _participants()
    if not Event.objects.filter(title=CONFERENCE).exists():
        conference = _conference(admin, _monday_after(today, 1))
        talks = list(conference.contributions.order_by("start", "id"))
        for n, user in enumerate(accounts[:20]):
            registration, _new = do_register(
                conference,
                user=user,
                consent=True,
                timezone_name=user.person.timezone,
                city=user.person.city,
            )
            registration.interests.set(talks[n % 3 :: 3][:4])  # a few marks each
    if not Event.objects.filter(title=SERIES).exists():
        _series(admin, today)
    if not Event.objects.filter(title=SCHOOL).exists():
        _school(admin, _monday_after(today, 6), accounts[20:26])
    return Event.objects.count()
