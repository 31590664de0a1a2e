"""What people receive from the notification service, against reviewed snapshots (STYLE.md
rule 15): each new kind of mail in English and Arabic. The clock and the secret key are fixed
and ids restart at 1, so unsubscribe links and addresses are the same in every run."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from science4peace.events.domain.fairness import do_apply, problem_of
from science4peace.events.domain.messages import Audience, do_send_message
from science4peace.events.domain.registrations import do_register
from science4peace.events.domain.reminders import do_send_reminders
from science4peace.events.models import Contribution, Event, Registration, Session, Track
from science4peace.notifications.domain.digests import do_send_digests
from science4peace.notifications.domain.preferences import do_set_mail_settings
from science4peace.notifications.models import Frequency, Item
from science4peace.papers.domain import changes as paper_changes
from science4peace.papers.domain import signoffs
from science4peace.papers.models import Paper
from science4peace.people.models import Person
from tests.snapshot import assert_snapshot, mail_text, restart_ids

from .conftest import make_people, post

LANGUAGES = ["en", "ar"]
CLOCK = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _same_ids_key_and_clock(db, settings, time_machine):
    settings.SECRET_KEY = "snapshot-key-not-secret"
    time_machine.move_to(CLOCK, tick=False)
    restart_ids(get_user_model(), Event, Track, Session, Registration, Item, Paper)


def _sent(capture, action) -> str:
    mail.outbox.clear()
    with capture(execute=True):
        action()
    (message,) = mail.outbox
    return mail_text(message)


def _reader(language: str, frequency: str = Frequency.EACH):
    (reader,) = make_people(1, prefix="reader")
    do_set_mail_settings(actor=reader, frequency=frequency, language=language)
    return reader


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notification_mail_matches_snapshot(language, django_capture_on_commit_callbacks):
    reader = _reader(language)
    text = _sent(django_capture_on_commit_callbacks, lambda: post([reader]))
    assert_snapshot(f"notifications/item.{language}.txt", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_digest_matches_snapshot(language, django_capture_on_commit_callbacks):
    reader = _reader(language, Frequency.DAILY)
    for number in (1, 2):
        post([reader], number)
    text = _sent(django_capture_on_commit_callbacks, lambda: do_send_digests(frequency="daily"))
    assert_snapshot(f"notifications/digest.{language}.txt", text)


def _registrant(event, language: str, **extra):
    (person,) = make_people(1, prefix="participant")
    do_register(event, user=person, consent=True, language=language, **extra)
    return person


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisers_message_matches_snapshot(
    language, conference, organiser, django_capture_on_commit_callbacks
):
    _registrant(conference, language)
    text = _sent(
        django_capture_on_commit_callbacks,
        lambda: do_send_message(
            conference,
            actor=organiser,
            audience=Audience(groups=("registrants",)),
            subject="Slides by Friday",
            body="Please upload your slides by Friday.\n\nThank you!",
        ),
    )
    assert_snapshot(f"notifications/event-message.{language}.txt", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_reminder_matches_snapshot(
    language, conference, django_capture_on_commit_callbacks
):
    _registrant(conference, language)
    conference.reminder_minutes = 1
    conference.save()
    first = Session.objects.filter(event=conference).order_by("start", "id").first()
    Session.objects.filter(event=conference).exclude(pk=first.pk).update(
        start=first.start + dt.timedelta(days=30), end=first.end + dt.timedelta(days=30)
    )
    when = first.start - dt.timedelta(seconds=30)
    text = _sent(django_capture_on_commit_callbacks, lambda: do_send_reminders(now=when))
    assert_snapshot(f"notifications/event-reminder.{language}.txt", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_programme_change_notice_matches_snapshot(
    language, workshop, organiser, django_capture_on_commit_callbacks
):
    fan = _registrant(workshop, language, timezone_name="Asia/Tokyo")
    fan.registrations.get().interests.set(Contribution.objects.filter(event=workshop))
    _problem, ordered, _positions = problem_of(workshop)
    workshop.refresh_from_db()
    text = _sent(
        django_capture_on_commit_callbacks,
        lambda: do_apply(
            workshop,
            actor=organiser,
            version=workshop.version,
            talk_ids=[t.pk for t in ordered],
            to=[1, 0, 2, 3],
        ),
    )
    assert_snapshot(f"notifications/event-moved.{language}.txt", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_off_mails_match_snapshots(
    language, helix, mover, user, staff, django_capture_on_commit_callbacks
):
    do_set_mail_settings(actor=user, frequency=Frequency.EACH, language=language)
    do_set_mail_settings(actor=staff, frequency=Frequency.EACH, language=language)
    papers: list[Paper] = []
    asked = _sent(
        django_capture_on_commit_callbacks,
        lambda: papers.append(
            paper_changes.do_create_paper(
                helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
            )
        ),
    )
    assert_snapshot(f"notifications/signoff-asked.{language}.txt", asked)
    (author,) = papers[0].authors.all()
    reminded = _sent(
        django_capture_on_commit_callbacks, lambda: signoffs.do_remind(papers[0], actor=staff)
    )
    assert_snapshot(f"notifications/signoff-reminder.{language}.txt", reminded)
    correction = _sent(
        django_capture_on_commit_callbacks,
        lambda: signoffs.do_answer(
            author, actor=user, confirm=False, message="Please print my name as A. Ivanova."
        ),
    )
    assert_snapshot(f"notifications/signoff-correction.{language}.txt", correction)
    resolved = _sent(
        django_capture_on_commit_callbacks,
        lambda: signoffs.do_resolve(
            author.signoff, actor=staff, resolution="Your name is now printed A. Ivanova."
        ),
    )
    assert_snapshot(f"notifications/signoff-resolved.{language}.txt", resolved)


def test_person_fixture_is_the_one_author(mover):
    assert Person.objects.count() == 1
