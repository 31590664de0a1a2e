"""What participants receive, against reviewed snapshots (STYLE.md rule 15): every registration
mail in each interface language, the iCal exports and the text of the certificates. The clock
is fixed and ids restart at 1, so the files are the same on every database and in any order."""

import datetime as dt
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from science4peace.events.domain.changes import do_create_event
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Event, Registration, Session, Track
from tests.snapshot import assert_snapshot, mail_text, restart_ids

LANGUAGES = ["en", "ru", "uk", "ar"]
BEFORE = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)  # registration, three weeks ahead
AFTER = dt.datetime(2026, 10, 26, 9, tzinfo=dt.UTC)  # the day after the conference


@pytest.fixture(autouse=True)
def _same_ids_and_clock(db, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    restart_ids(get_user_model(), Event, Track, Session, Registration)


@pytest.fixture
def school(organiser):
    return do_create_event(
        actor=organiser,
        title="Summer School on Detector Physics",
        kind=Event.Kind.SCHOOL,
        timezone="Asia/Kolkata",
        start_date=dt.date(2027, 7, 5),
        end_date=dt.date(2027, 7, 9),
    )


def _post(client, name, args, data, language, capture):
    with capture(execute=True):
        return client.post(reverse(name, args=args), data, HTTP_ACCEPT_LANGUAGE=language)


def _sent() -> str:
    (message,) = mail.outbox
    mail.outbox.clear()
    return mail_text(message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_mail_matches_snapshot(
    client, user, conference, language, django_capture_on_commit_callbacks
):
    client.force_login(user)
    _post(
        client,
        "events:register",
        [conference.pk],
        {"consent": "on"},
        language,
        django_capture_on_commit_callbacks,
    )
    assert_snapshot(f"events/mail-registered.{language}.txt", _sent())


@pytest.mark.parametrize("language", LANGUAGES)
def test_waiting_list_and_promotion_mails_match_snapshots(
    client, user, other_user, conference, language, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    do_register(conference, user=other_user, consent=True)
    client.force_login(user)
    _post(
        client,
        "events:register",
        [conference.pk],
        {"consent": "on"},
        language,
        django_capture_on_commit_callbacks,
    )
    assert_snapshot(f"events/mail-waiting.{language}.txt", _sent())

    client.force_login(other_user)  # withdraws in English; the mail follows the registrant
    _post(client, "events:withdraw", [conference.pk], {}, "en", django_capture_on_commit_callbacks)
    assert_snapshot(f"events/mail-promoted.{language}.txt", _sent())


@pytest.mark.parametrize("language", LANGUAGES)
def test_application_mails_match_snapshots(
    client, user, organiser, school, language, django_capture_on_commit_callbacks
):
    client.force_login(user)
    application = {"consent": "on", "motivation": "I build calorimeters."}
    _post(
        client,
        "events:register",
        [school.pk],
        application,
        language,
        django_capture_on_commit_callbacks,
    )
    assert_snapshot(f"events/mail-applied.{language}.txt", _sent())

    code = Registration.objects.get(user=user).code
    client.force_login(organiser)
    _post(
        client,
        "events:decide",
        [school.pk, code],
        {"decision": "reject"},
        "en",
        django_capture_on_commit_callbacks,
    )
    assert_snapshot(f"events/mail-not-selected.{language}.txt", _sent())


def test_event_ical_matches_snapshot(client, conference):
    response = client.get(reverse("events:ics", args=[conference.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="event-1.ics"'
    assert_snapshot("events/event-1.ics", response.content.decode())


def test_session_ical_matches_snapshot(client, conference):
    session = Session.objects.get(event=conference, title="Track B day 2")
    response = client.get(reverse("events:session-ics", args=[conference.pk, session.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'
    assert_snapshot(f"events/session-{session.pk}.ics", response.content.decode())


def test_personal_agenda_ical_matches_snapshot(client, user, conference):
    do_register(conference, user=user, consent=True)
    client.force_login(user)
    response = client.get(reverse("events:my-agenda"))
    assert response["Content-Disposition"] == 'attachment; filename="my-agenda.ics"'
    assert_snapshot("events/my-agenda.ics", response.content.decode())


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["attendance", "presentation"])
def test_certificate_text_matches_snapshot(
    client, user, conference, speakers, kind, language, time_machine
):
    speaker = speakers[0]  # Thandiwe Mokoena gave the two talks of Track A
    speaker.user = user
    speaker.save()
    do_register(conference, user=user, consent=True)
    time_machine.move_to(AFTER, tick=False)
    client.force_login(user)
    url = reverse("events:certificate", args=[conference.pk, kind])
    response = client.get(url, {"lang": language})
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/pdf",
        f'attachment; filename="certificate-{kind}-1.pdf"',
    )
    assert_snapshot(f"events/certificate-{kind}.{language}.txt", _pdf_text(response.content))
