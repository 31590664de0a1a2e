"""Requests that did not come through the configured reverse proxies (invariant 5).

With ``S4P_PROXIES = N`` every request passes N proxies, and each appends one address to
``X-Forwarded-For``, so the header holds at least N addresses; the client's is the N-th from
the right. A request whose header holds fewer did not come the configured way (or the setting
is wrong): it is answered 400 with a message naming both numbers, before anything reads the
client address from it. A request without the header is left alone; the address of the peer
is then used."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def forwarded_count(request: HttpRequest) -> int | None:
    """How many addresses ``X-Forwarded-For`` holds; None without the header."""
    header = request.META.get("HTTP_X_FORWARDED_FOR")
    if not header:
        return None
    return len(header.split(","))


class ForwardedForMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        expected = settings.S4P_PROXIES
        count = forwarded_count(request)
        if expected and count is not None and count < expected:
            message = _(
                "X-Forwarded-For holds %(count)s addresses, but %(expected)s proxies are "
                "configured (S4P_PROXIES)."
            ) % {"count": count, "expected": expected}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
