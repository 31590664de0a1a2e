"""Size limits enforced before a request's body is read (invariant 5).

A POST, PUT or PATCH whose ``Content-Length`` is above the limit of its path is answered 413
at once: the body is never read, so a 50 MiB upload costs nothing. The limit is the largest
file the path accepts plus ``ENVELOPE`` bytes for the multipart framing and other fields:

- the author-list audits (``/api/authorlists/audit``, ``/papers/audit/``, open to anyone):
  ``S4P_AUTHORLIST_MAX_BYTES``;
- every other path: ``S4P_MAX_UPLOAD_BYTES``.

A file that passes this check but is itself over its limit is refused by the form or
handler (``core.uploads.check_upload``) with a message giving both sizes. A body sent
without ``Content-Length`` (chunked) is read by Django as empty."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

ENVELOPE = 64 * 1024
AUTHORLIST_AUDIT_PATHS = ("/api/authorlists/audit", "/papers/audit/")


def file_limit(path: str) -> int:
    """The largest file a request to ``path`` may carry."""
    if path.startswith(AUTHORLIST_AUDIT_PATHS):
        return min(settings.S4P_AUTHORLIST_MAX_BYTES, settings.S4P_MAX_UPLOAD_BYTES)
    return settings.S4P_MAX_UPLOAD_BYTES


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = file_limit(request.path) + ENVELOPE
        if length > limit:
            message = _("The request is %(size)s bytes; the limit is %(limit)s bytes.") % {
                "size": length,
                "limit": limit,
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
