import itertools
import random
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from science4peace.events.domain.changes import do_update_event
from science4peace.events.domain.registrations import do_register, do_withdraw
from science4peace.events.models import Registration

from .conftest import make_users

Status = Registration.Status
_serial = itertools.count()


def test_double_submitted_registration_is_one_registration(
    logged_in, user, conference, django_capture_on_commit_callbacks
):
    url = reverse("events:register", args=[conference.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = logged_in.post(url, {"consent": "on", "timezone": "Asia/Tokyo"})
        second = logged_in.post(url, {"consent": "on", "timezone": "Asia/Tokyo"})
    assert (first.status_code, second.status_code) == (302, 302)
    assert Registration.objects.filter(event=conference, user=user).count() == 1
    assert len(mail.outbox) == 1


def test_confirmation_mail_carries_the_programme_as_ical(
    logged_in, user, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(reverse("events:register", args=[conference.pk]), {"consent": "on"})
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "You are registered for Online Conference on Open Data." in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"event-{conference.pk}.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Break",
        "Break",
        "Track A day 1",
        "Track A day 2",
        "Track B day 1",
        "Track B day 2",
    ]
    for vevent in calendar.walk("VEVENT"):
        if str(vevent["SUMMARY"]) == "Break":
            assert "LOCATION" not in vevent  # a break has no video room
        else:
            assert "/join/" in str(vevent["LOCATION"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]


def test_registration_without_consent_or_with_unknown_zone_changes_nothing(logged_in, conference):
    url = reverse("events:register", args=[conference.pk])
    response = logged_in.post(url, {"timezone": "Mars/Olympus"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Registration needs your consent to the text above." in text
    assert "Unknown time zone Mars/Olympus" in text
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_capacity_waiting_list_and_automatic_promotion(conference):
    conference.capacity = 2
    conference.save()
    a, b, c, d = make_users(4)
    statuses = [do_register(conference, user=u, consent=True)[0].status for u in (a, b, c, d)]
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITING, Status.WAITING]
    withdrawn, promoted = do_withdraw(conference, user=b)
    assert withdrawn.status == Status.WITHDRAWN
    assert promoted.user == c
    # a waiting person who withdraws frees no place and promotes nobody
    assert do_withdraw(conference, user=d)[1] is None
    # coming back puts you at the end of the queue
    back, created = do_register(conference, user=b, consent=True)
    assert (created, back.status) == (True, Status.WAITING)
    assert [r.user for r in conference.registrations.filter(status=Status.REGISTERED)] == [a, c]


def test_raising_the_capacity_moves_the_waiting_list_up(conference, organiser):
    conference.capacity = 1
    conference.save()
    users = make_users(3)
    for u in users:
        do_register(conference, user=u, consent=True)
    do_update_event(conference, actor=organiser, capacity=2)
    registered = conference.registrations.filter(status=Status.REGISTERED).order_by("queued_at")
    assert [r.user for r in registered] == users[:2]
    assert [r.user for r in conference.registrations.filter(status=Status.WAITING)] == users[2:]


def test_withdrawing_promotes_and_notifies_the_first_waiting(
    client, conference, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    first, second = make_users(2)
    for u in (first, second):
        client.force_login(u)
        client.post(reverse("events:register", args=[conference.pk]), {"consent": "on"})
    mail.outbox.clear()
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:withdraw", args=[conference.pk]))
    assert Registration.objects.get(user=second).status == Status.REGISTERED
    (message,) = mail.outbox
    assert message.to == [second.email]
    assert "A place has become free and it is yours" in message.body


def test_closed_registration_is_refused(conference, user):
    conference.registration_open = False
    conference.save()
    with pytest.raises(ValidationError, match="closed"):
        do_register(conference, user=user, consent=True)
    assert Registration.objects.count() == 0


def test_concurrent_registrations_lose_nobody_and_never_overfill(transactional_db, request):
    """Six threads register 60 people, each twice, for 25 places. On PostgreSQL they run
    at once and contend for the event's row lock. The tests' SQLite is an in-memory
    shared-cache database, which fails concurrent writers with "table is locked" instead of
    waiting, so there the same threads run one after another (the benchmark drives real
    concurrency over HTTP against PostgreSQL)."""
    concurrent = connections["default"].vendor == "postgresql"
    conference = request.getfixturevalue("conference")
    conference.capacity = 25
    conference.save()
    users = make_users(60)
    errors = []

    def register(chunk):
        try:
            for u in chunk:
                do_register(conference, user=u, consent=True)
                do_register(conference, user=u, consent=True)  # double submit
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(users[n::6],)) for n in range(6)]
    for thread in threads:
        thread.start()
        if not concurrent:
            thread.join()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = Registration.objects.filter(event=conference)
    assert rows.count() == 60
    assert rows.filter(status=Status.REGISTERED).count() == 25
    assert rows.filter(status=Status.WAITING).count() == 35


@pytest.mark.django_db
@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_invariant_1_city_and_zone_never_change_a_registration(seed, conference):
    """Same people, same order: permuting their cities and zones changes no status."""
    rng = random.Random(seed)
    conference.capacity = 3
    conference.save()
    Registration.objects.filter(event=conference).delete()
    users = make_users(5, prefix=f"h{next(_serial)}-")  # state is reset inside the test
    places = [
        ("Moscow", "Europe/Moscow"),
        ("Tehran", "Asia/Tehran"),
        ("Kyiv", "Europe/Kyiv"),
        ("Lima", "America/Lima"),
        ("Minsk", "Europe/Minsk"),
    ]

    def run(assignment):
        Registration.objects.filter(event=conference).delete()
        return [
            do_register(conference, user=u, consent=True, city=city, timezone_name=zone)[0].status
            for u, (city, zone) in zip(users, assignment, strict=True)
        ]

    baseline = run(places)
    shuffled = places[:]
    rng.shuffle(shuffled)
    assert run(shuffled) == baseline
