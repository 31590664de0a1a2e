"""Spaces tell people through the notification service: each signal gives exactly the expected
notifications, muted and blocked people get nothing, a public space has an Atom feed of its
announcements, and the unsubscribe link of a space's mail stops that space's mail only."""

import pytest
from django.core import mail

from science4peace.notifications.domain.preferences import do_set_mail_settings
from science4peace.notifications.models import Frequency, Notification
from science4peace.spaces.domain import discussions, messaging, moderation
from science4peace.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run the change's on-commit callbacks (signals, then the outbox) with a clean outbox."""

    def capture():
        mail.outbox.clear()
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def recipients(kind: str) -> list[int]:
    return sorted(
        Notification.objects.filter(item__kind=kind).values_list("recipient_id", flat=True)
    )


def test_announcement_notifies_every_member_but_the_author(
    space, space_admin, space_member, space_colleague, space_outsider, told
):
    with told():
        discussions.do_announce(space, actor=space_admin, title="Meeting", body="On Monday.")
    assert recipients("spaces.announcement") == sorted([space_member.pk, space_colleague.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [space_member.email, space_colleague.email]
    )
    assert {m.subject for m in mail.outbox} == {"[Science4Peace] HELIX space: Meeting"}


def test_announcement_without_mail_waits_for_a_digest_and_with_mail_goes_at_once(
    space, space_admin, space_member, space_colleague, told
):
    do_set_mail_settings(actor=space_member, frequency=Frequency.DAILY, language="en")
    with told():
        discussions.do_announce(space, actor=space_admin, title="Normal", body="a")
    assert sorted(m.to[0] for m in mail.outbox) == [space_colleague.email]
    with told():
        discussions.do_announce(space, actor=space_admin, title="Urgent", body="b", mail=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [space_member.email, space_colleague.email]
    )


def test_announcement_mail_is_in_the_language_the_member_last_used(
    space, space_admin, space_member, space_colleague, told
):
    discussions.remember_language(space_colleague.person, "uk")
    with told():
        discussions.do_announce(space, actor=space_admin, title="Meeting", body="On Monday.")
    first_lines = sorted((m.to[0], m.body.splitlines()[0]) for m in mail.outbox)
    assert first_lines == sorted(
        [
            (space_member.email, "An announcement in HELIX space:"),
            (space_colleague.email, "Оголошення в HELIX space:"),
        ]
    )


def test_announcement_skips_people_in_a_block_with_the_author(
    space, space_admin, space_member, space_colleague, told
):
    moderation.do_block(space_admin.person, actor=space_colleague)
    with told():
        discussions.do_announce(space, actor=space_admin, title="Meeting", body="x")
    assert recipients("spaces.announcement") == [space_member.pk]


def test_reply_notifies_followers_who_did_not_mute_and_never_the_author(
    space_thread, space_admin, space_member, space_colleague, told
):
    discussions.do_reply(space_thread, actor=space_admin, body="I follow now.")
    discussions.do_set_follow(space_thread, actor=space_admin, state="mute")
    with told():
        discussions.do_reply(space_thread, actor=space_colleague, body="Run 2.")
    assert recipients("spaces.post") == [space_member.pk]
    assert [m.subject for m in mail.outbox] == [
        "[Science4Peace] New post in Calibration of the ECAL"
    ]


def test_reply_by_someone_blocked_by_a_follower_does_not_notify_them(
    space_thread, space_member, space_colleague, told
):
    moderation.do_block(space_colleague.person, actor=space_member)
    with told():
        discussions.do_reply(space_thread, actor=space_colleague, body="Run 2.")
    assert (recipients("spaces.post"), mail.outbox) == ([], [])


def test_mention_notifies_exactly_the_mentioned(
    space_thread, space_admin, space_member, space_colleague, told
):
    with told():
        discussions.do_reply(
            space_thread,
            actor=space_colleague,
            body="@Amara and @Boris, see run 2",
            mentions=[space_admin.person.pk, space_member.person.pk, space_colleague.person.pk],
        )
    assert recipients("spaces.mention") == sorted([space_admin.pk, space_member.pk])
    assert recipients("spaces.post") == [space_member.pk]


def test_message_notifies_the_recipient_only(space, space_member, space_colleague, told):
    with told():
        messaging.do_send_message(space_colleague.person, actor=space_member, body="Hello")
    assert recipients("spaces.message") == [space_colleague.pk]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([space_colleague.email], f"[Science4Peace] A message from {space_member.person}")
    ]


def test_public_space_feed_lists_its_announcements(client, space, space_admin, told):
    space.visibility = Space.Visibility.PUBLIC
    space.save()
    discussions.do_announce(space, actor=space_admin, title="Beam time", body="We have *beam*.")
    discussions.do_announce(space, actor=space_admin, title="Shutdown", body="In May.")
    response = client.get(f"/notifications/feeds/space:{space.pk}.atom")
    text = response.content.decode()
    titles = [line.strip() for line in text.split("<entry>")[1:]]
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/atom+xml; charset=utf-8",
    )
    assert [t.split("<title>")[1].split("</title>")[0] for t in titles] == [
        "Shutdown",
        "Beam time",
    ]


def test_members_only_space_has_no_feed(client, space, space_admin):
    discussions.do_announce(space, actor=space_admin, title="Secret", body="x")
    response = client.get(f"/notifications/feeds/space:{space.pk}.atom")
    assert (response.status_code, b"Secret" in response.content) == (404, False)


def test_unsubscribe_link_stops_that_spaces_mail_only(
    client, space, project_space, space_admin, space_member, space_colleague, told
):
    with told():
        discussions.do_announce(space, actor=space_admin, title="First", body="x")
    (to_member,) = [m for m in mail.outbox if m.to == [space_member.email]]
    link = to_member.extra_headers["List-Unsubscribe"].strip("<>")
    with told():
        client.post(link)
    with told():
        discussions.do_announce(space, actor=space_admin, title="Second", body="y")
    assert [m.to for m in mail.outbox] == [[space_colleague.email]]
    with told():
        discussions.do_announce(project_space, actor=space_admin, title="Other", body="z")
    other_space = [m.to for m in mail.outbox]
    with told():
        messaging.do_send_message(space_member.person, actor=space_colleague, body="Hi")
    assert (other_space, [m.to for m in mail.outbox]) == (
        [[space_member.email]],
        [[space_member.email]],
    )
    # the in-site notifications still come
    assert recipients("spaces.announcement").count(space_member.pk) == 3
