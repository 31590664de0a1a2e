"""Signed unsubscribe links: who and which channel ("*" for every channel), with an expiry,
through ``django.core.signing``. A tampered or expired token is refused with a clear error."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SALT = "science4peace.notifications.unsubscribe"
EVERY_CHANNEL = "*"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    channel: str


def make_token(user_id: int, channel: str) -> str:
    return signing.dumps({"u": user_id, "c": channel}, salt=SALT, compress=True)


def read_token(token: str) -> Unsubscribe:
    """The unsubscription a token asks for; ValidationError when it was changed or is older
    than ``S4P_UNSUBSCRIBE_DAYS``."""
    max_age = settings.S4P_UNSUBSCRIBE_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This unsubscribe link has expired. Change your mail settings after logging in.")
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("This unsubscribe link is not valid: it was changed or cut short.")
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise ValidationError(_("This unsubscribe link is not valid: it was changed or cut short."))
    return Unsubscribe(user_id=data["u"], channel=str(data.get("c", EVERY_CHANNEL)))
