import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from science4peace.spaces.domain import messaging, moderation, queries
from science4peace.spaces.models import Conversation, Message

from .conftest import make_user

pytestmark = pytest.mark.django_db


def test_two_people_exchange_messages_in_one_conversation(space_member, space_outsider):
    first = messaging.do_send_message(space_outsider.person, actor=space_member, body="Hello")
    answer = messaging.do_send_message(space_member.person, actor=space_outsider, body="Hi!")
    assert list(queries.messages_between(space_member.person, space_outsider.person)) == [
        first,
        answer,
    ]
    assert Conversation.objects.count() == 1
    assert [c.pk for c in queries.conversations_of(space_outsider.person)] == [
        first.conversation_id
    ]


def test_a_block_stops_messages_both_ways_and_changes_nothing(space_member, space_outsider):
    messaging.do_send_message(space_outsider.person, actor=space_member, body="Hello")
    moderation.do_block(space_member.person, actor=space_outsider)
    for sender, recipient in [(space_member, space_outsider), (space_outsider, space_member)]:
        with pytest.raises(PermissionDenied, match="cannot write"):
            messaging.do_send_message(recipient.person, actor=sender, body="again")
    assert Message.objects.count() == 1
    assert list(queries.messages_between(space_member.person, space_outsider.person)) == []
    assert list(queries.conversations_of(space_member.person)) == []


def test_shared_only_recipient_refuses_strangers_and_accepts_colleagues(
    space_collaboration, space_member, space_colleague, space_outsider
):
    messaging.do_set_message_settings(actor=space_colleague, first_contact="shared")
    with pytest.raises(PermissionDenied, match="share"):
        messaging.do_send_message(space_colleague.person, actor=space_outsider, body="Hello")
    sent = messaging.do_send_message(space_colleague.person, actor=space_member, body="Hello")
    assert list(Message.objects.all()) == [sent]


def test_once_a_conversation_exists_the_recipient_may_answer(space_member, space_outsider):
    messaging.do_set_message_settings(actor=space_outsider, first_contact="shared")
    messaging.do_set_message_settings(actor=space_member, first_contact="shared")
    # a staff-free way in: space_outsider accepts everyone for a moment
    messaging.do_set_message_settings(actor=space_outsider, first_contact="everyone")
    messaging.do_send_message(space_outsider.person, actor=space_member, body="Hello")
    messaging.do_set_message_settings(actor=space_outsider, first_contact="shared")
    reply = messaging.do_send_message(space_member.person, actor=space_outsider, body="Hi")
    assert reply.conversation.messages.count() == 2


def test_writing_to_oneself_is_an_error(space_member):
    with pytest.raises(ValidationError, match="yourself"):
        messaging.do_send_message(space_member.person, actor=space_member, body="me")


def test_new_accounts_are_rate_limited(space_member, settings):
    settings.S4P_SPACES_NEW_ACCOUNT_MESSAGES = "2/h"
    others = [make_user(f"R{n}") for n in range(3)]
    for other in others[:2]:
        messaging.do_send_message(other.person, actor=space_member, body="hi")
    with pytest.raises(PermissionDenied, match="New accounts may send 2 messages"):
        messaging.do_send_message(others[2].person, actor=space_member, body="hi")
    assert Message.objects.count() == 2


def test_old_accounts_are_not_rate_limited(space_member, settings):
    settings.S4P_SPACES_NEW_ACCOUNT_MESSAGES = "1/h"
    space_member.date_joined = timezone.now() - dt.timedelta(days=30)
    space_member.save()
    others = [make_user(f"S{n}") for n in range(2)]
    for other in others:
        messaging.do_send_message(other.person, actor=space_member, body="hi")
    assert Message.objects.count() == 2


def test_parse_rate_reads_counts_and_periods():
    assert [messaging.parse_rate(r) for r in ["20/d", "5/10m"]] == [
        (20, dt.timedelta(days=1)),
        (5, dt.timedelta(minutes=10)),
    ]
