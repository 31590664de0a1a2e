"""Organisers write to their participants (issue 15, point 7): a message to a chosen part of
the event's people, previewed, queued, with a delivery report; reminders before sessions;
one notice per person when talks move."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from science4peace.events.domain.changes import do_save_contribution, do_set_role
from science4peace.events.domain.fairness import do_apply, problem_of
from science4peace.events.domain.messages import Audience, do_send_message, preview
from science4peace.events.domain.registrations import do_register
from science4peace.events.domain.reminders import do_send_reminders
from science4peace.events.models import Contribution, EventMessage, Session
from science4peace.notifications.models import Item, Notification
from science4peace.people.models import Person

from .conftest import make_users
from .test_fairness import workshop  # noqa: F401 — fixture

pytestmark = pytest.mark.django_db


def _everyone(conference, organiser):
    registered = make_users(2, "reg")
    for user in registered:
        do_register(conference, user=user, consent=True)
    conference.capacity = 2
    conference.save()
    (waiting,) = make_users(1, "wait")
    do_register(conference, user=waiting, consent=True)
    (committee,) = make_users(1, "pc")
    do_set_role(conference, actor=organiser, user=committee, role="committee")
    mail.outbox.clear()
    return registered, waiting, committee


def test_the_audience_is_chosen_by_group_status_and_track(conference, organiser):
    registered, _waiting, _committee = _everyone(conference, organiser)
    talk_a = Contribution.objects.get(event=conference, title="Talk Track A 1")
    registered[0].registrations.get().interests.set([talk_a])

    def who(**audience):
        shown = preview(
            conference, actor=organiser, audience=Audience(**audience), subject="S", body="B"
        )
        return [u.username for u in shown.recipients]

    assert who(groups=("registrants",)) == ["reg0", "reg1"]
    assert who(groups=("registrants",), statuses=("waiting",)) == ["wait0"]
    assert who(groups=("committee",)) == ["pc0"]
    track_a = conference.tracks.get(name="Track A")
    assert who(groups=("registrants",), track=track_a.pk) == ["reg0"]
    assert EventMessage.objects.count() == 0  # a preview sends nothing


def test_a_sent_message_is_queued_to_each_recipient_with_a_delivery_report(
    client, conference, organiser, django_capture_on_commit_callbacks
):
    registered, _waiting, _committee = _everyone(conference, organiser)
    client.force_login(organiser)
    page = reverse("events:messages", args=[conference.pk])
    form = {
        "groups": ["registrants"],
        "statuses": ["registered"],
        "subject": "Slides",
        "body": "Upload your slides.",
    }
    shown = client.post(page, {**form, "action": "preview"})
    assert ("2 recipients" in shown.content.decode(), EventMessage.objects.count()) == (True, 0)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(page, {**form, "action": "send"})
    message = EventMessage.objects.get()
    assert sent.url == reverse("events:message", args=[conference.pk, message.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in registered)
    assert mail.outbox[0].subject == "[Science4Peace] Online Conference on Open Data: Slides"
    report = client.get(sent.url).content.decode()
    assert '<td id="report-sent">2</td>' in report


def test_a_message_to_nobody_or_without_text_is_refused_and_nothing_is_sent(conference, organiser):
    with pytest.raises(ValidationError):
        do_send_message(
            conference,
            actor=organiser,
            audience=Audience(groups=("registrants",)),
            subject="S",
            body="B",
        )
    with pytest.raises(ValidationError):
        do_send_message(
            conference,
            actor=organiser,
            audience=Audience(groups=("speakers",)),
            subject="",
            body="B",
        )
    with pytest.raises(ValidationError):
        do_send_message(
            conference,
            actor=organiser,
            audience=Audience(groups=("everyone",)),
            subject="S",
            body="B",
        )
    assert (EventMessage.objects.count(), Item.objects.filter(kind="events.message").count()) == (
        0,
        0,
    )


def test_only_organisers_write_to_participants(client, conference, organiser, user):
    client.force_login(user)
    response = client.get(reverse("events:messages", args=[conference.pk]))
    assert response.status_code == 403


def test_each_session_is_reminded_once_with_its_join_link(
    conference, organiser, django_capture_on_commit_callbacks
):
    (reader,) = make_users(1, "reader")
    do_register(conference, user=reader, consent=True)
    first = Session.objects.filter(event=conference, kind="session").order_by("start", "id").first()
    early = first.start - dt.timedelta(minutes=90)
    mail.outbox.clear()
    assert do_send_reminders(now=early) == 0  # the lead time is an hour
    with django_capture_on_commit_callbacks(execute=True):
        # both sessions at 14:00 on day one are due
        assert do_send_reminders(now=first.start - dt.timedelta(minutes=30)) == 2
    assert do_send_reminders(now=first.start - dt.timedelta(minutes=20)) == 0
    join = f"http://localhost:8000/events/{conference.pk}/join/{first.pk}/"
    assert [join in m.body for m in mail.outbox if first.title in m.subject] == [True]
    assert len(mail.outbox) == 2


def test_an_event_without_reminders_sends_none(conference, user):
    conference.reminder_minutes = 0
    conference.save()
    do_register(conference, user=user, consent=True)
    first = Session.objects.filter(event=conference).order_by("start").first()
    assert do_send_reminders(now=first.start - dt.timedelta(minutes=5)) == 0


def test_a_fair_timetable_sends_one_notice_per_person_listing_every_move(
    request, organiser, django_capture_on_commit_callbacks
):
    fair = request.getfixturevalue("workshop")
    (fan,) = make_users(1, "fan")
    do_register(fair, user=fan, consent=True, timezone_name="Asia/Tokyo")
    talks = list(Contribution.objects.filter(event=fair).order_by("start"))
    fan.registrations.get().interests.set(talks)
    (speaker_account,) = make_users(1, "west")
    Person.objects.filter(family_name="West").update(user=speaker_account)
    _problem, ordered, _positions = problem_of(fair)
    fair.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = do_apply(
            fair,
            actor=organiser,
            version=fair.version,
            talk_ids=[t.pk for t in ordered],
            to=[1, 2, 3, 0],
        )
    assert moved == 4
    notices = Notification.objects.filter(item__kind="events.moved")
    assert sorted(n.recipient.username for n in notices) == ["fan0", "west0"]
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(by_person) == ["fan0@example.org", "west0@example.org"]
    assert by_person["fan0@example.org"].count(": was ") == 4
    assert "JST (Asia/Tokyo)" in by_person["fan0@example.org"]
    assert by_person["west0@example.org"].count(": was ") == 1


def test_editing_a_talks_time_tells_its_speaker(
    conference, organiser, speakers, django_capture_on_commit_callbacks
):
    (account,) = make_users(1, "speaker")
    Person.objects.filter(pk=speakers[0].pk).update(user=account)
    talk = Contribution.objects.get(event=conference, title="Talk Track A 1")
    with django_capture_on_commit_callbacks(execute=True):
        do_save_contribution(
            conference,
            actor=organiser,
            contribution=talk,
            title=talk.title,
            kind=talk.kind,
            duration=talk.duration,
            session=talk.session,
            start=dt.datetime(2026, 10, 24, 14, 30),
        )
    (notice,) = Notification.objects.filter(item__kind="events.moved")
    assert notice.recipient == account
