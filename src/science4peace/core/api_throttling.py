"""API throttling: requests without a token per client, requests with a token per account.

Counted in the shared cache (``S4P_CACHE_URL``), so the limit holds across workers and
hosts; the rates (``S4P_API_RATE_ANONYMOUS``, ``S4P_API_RATE_TOKEN``) are read at each
request. Over the limit: ``429`` with ``Retry-After`` (django-ninja sets the header)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class _SettingsRate(SimpleRateThrottle):
    cache_format = "s4p:throttle:%(scope)s:%(ident)s"

    def __init__(self) -> None:
        super().__init__(rate=settings.S4P_API_RATES[self.scope])

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.S4P_API_RATES[self.scope]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class ClientThrottle(_SettingsRate):
    """Requests without a token, by the client's address (``S4P_PROXIES`` says which)."""

    scope = "anonymous"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_SettingsRate):
    """Requests with a token, by its account."""

    scope = "token"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        if user is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}
