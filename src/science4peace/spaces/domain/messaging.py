"""Messages between individuals: any person to any other who accepts them, one conversation
per pair, no e-mail address shown. The recipient says who may write first; a block stops
both ways; new accounts send at most ``S4P_SPACES_NEW_ACCOUNT_MESSAGES``. Nothing here reads
a country, a nationality or a location."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person
from science4peace.spaces import rules
from science4peace.spaces.domain import signals
from science4peace.spaces.domain.discussions import check_body, remember_language
from science4peace.spaces.domain.queries import conversation_between
from science4peace.spaces.models import Conversation, Message, MessageSettings

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, dt.timedelta]:
    """``20/d`` → (20, one day); ``5/10m`` → (5, ten minutes)."""
    match = re.fullmatch(r"([1-9][0-9]*)/([0-9]*)([smhd])", rate)
    if match is None:
        raise ValueError(rate)
    count, many, unit = match.groups()
    return int(count), dt.timedelta(seconds=int(many or 1) * UNITS[unit])


def check_rate(actor: Any, sender: Person, now: dt.datetime) -> None:
    if not rules.is_new_account(actor, now):
        return
    limit, period = parse_rate(settings.S4P_SPACES_NEW_ACCOUNT_MESSAGES)
    sent = Message.objects.filter(sender=sender, created__gte=now - period).count()
    if sent >= limit:
        raise PermissionDenied(
            _("New accounts may send %(limit)s messages in %(period)s; try again later.")
            % {"limit": limit, "period": str(period)}
        )


def check_may_write(sender: Person, recipient: Person) -> Conversation | None:
    """The conversation there is, or None when ``sender`` may write first; refused with the
    reason otherwise."""
    if sender.pk == recipient.pk:
        raise ValidationError({"recipient": _("You cannot write to yourself.")})
    if rules.blocks_between(sender, recipient):
        raise PermissionDenied(_("You cannot write to this person."))
    conversation = conversation_between(sender, recipient)
    if conversation is not None:
        return conversation
    if not rules.can_write_first(sender, recipient):
        raise PermissionDenied(
            _(
                "This person accepts first messages only from people who share a "
                "collaboration, project or event with them."
            )
        )
    return None


@transaction.atomic
def do_send_message(
    recipient: Person, *, actor: Any, body: str, language: str = "", now: dt.datetime | None = None
) -> Message:
    sender = access_own_person(actor)
    now = now or timezone.now()
    text = check_body(body)
    conversation = check_may_write(sender, recipient)
    check_rate(actor, sender, now)
    if conversation is None:
        first, second = sorted([sender, recipient], key=lambda p: p.pk)
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    first=first, second=second, last_message=now
                )
        except IntegrityError:  # written at the same moment by the other side
            conversation = Conversation.objects.get(first=first, second=second)
    message = Message.objects.create(conversation=conversation, sender=sender, body=text)
    Conversation.objects.filter(pk=conversation.pk).update(last_message=message.created)
    remember_language(sender, language)
    transaction.on_commit(
        lambda: signals.message_sent.send(
            sender=Message, space=None, post=message, recipients=[recipient]
        )
    )
    return message


@transaction.atomic
def do_set_message_settings(*, actor: Any, first_contact: str) -> MessageSettings:
    person = access_own_person(actor)
    if first_contact not in MessageSettings.FirstContact.values:
        raise ValidationError({"first_contact": _("Choose everyone or shared.")})
    found, _created = MessageSettings.objects.update_or_create(
        person=person, defaults={"first_contact": first_contact}
    )
    return found
