"""Whole pages kept in the cache for visitors who are not logged in.

Such a page is the same for every anonymous visitor but for the CSRF token in its forms (the
language switch): it is rendered once with a placeholder in the token's place, and each
visitor's own token is put in on the way out. Logged-in visitors, visitors with a message
waiting and anything but GET are rendered afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

PLACEHOLDER = "__s4p_csrf_token__"


def _shared(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def cached_page(
    request: HttpRequest,
    template_name: str,
    key: str,
    context: Callable[[], dict[str, Any]],
    timeout: int,
) -> HttpResponse:
    """Render ``template_name`` with ``context()``; for anonymous visitors, keep the page under
    ``key`` (with the language and the full path) for ``timeout`` seconds. ``key`` must name
    everything else the page depends on."""
    if not _shared(request):
        return render(request, template_name, context())
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=12).hexdigest()
    full_key = f"page:{key}:{translation.get_language()}:{path}"
    html = cache.get(full_key)
    if html is None:
        html = render_to_string(template_name, {**context(), "csrf_token": PLACEHOLDER}, request)
        cache.set(full_key, html, timeout=timeout)
    return HttpResponse(html.replace(PLACEHOLDER, get_token(request)))
