"""The one way to redirect to a target that the request supplies (``?next=`` or a posted
``next``): Django's ``url_has_allowed_host_and_scheme`` against this site's own host, HTTPS
required when the request came over HTTPS. Anything else (another host, ``//host``,
``/\\host``, ``javascript:``, a control character) falls back to a page of this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_next(request: HttpRequest, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, fallback: str, *args: object, **kwargs: object) -> str:
    """The posted or queried ``next`` when it stays on this site, otherwise ``fallback``
    (a URL or a URL name, resolved with ``args``/``kwargs`` as ``redirect`` does)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if is_safe_next(request, target):
        return target
    return resolve_url(fallback, *args, **kwargs)
