"""Personal API tokens: created for oneself, shown once, revocable, audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.people.models import ApiToken
from science4peace.people.models.tokens import hash_token

TOKEN_PREFIX = "s4p_"


@transaction.atomic
def do_create_api_token(*, actor: Any, name: str) -> tuple[ApiToken, str]:
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name.strip()[:100] or "API token",
        prefix=secret[:10],
        key_hash=hash_token(secret),
    )
    audit.record(
        actor=actor,
        action="token.create",
        obj=token,
        after={"name": token.name, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, actor: Any) -> None:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("This is not your token."))
    audit.record(
        actor=actor,
        action="token.revoke",
        obj=token,
        before={"name": token.name, "prefix": token.prefix},
    )
    token.delete()


def authenticate_token(secret: str) -> Any | None:
    """The active user owning ``secret``, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user
