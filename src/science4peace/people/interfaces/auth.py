from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from science4peace.people.domain.tokens import authenticate_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer s4p_...`` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user
