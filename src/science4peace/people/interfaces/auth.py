from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from science4peace.people.domain.tokens import authenticate_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer s4p_...`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


def optional_user(request: HttpRequest) -> Any:
    """For public endpoints that say more to a known user: the token's user, the session's
    user, or anonymous. A token that is sent but unknown is a 401, not silently anonymous."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = authenticate_token(header[7:].strip())
        if user is None:
            raise AuthenticationError
        return user
    return getattr(request, "user", None) or AnonymousUser()
