"""Compressed responses (gzip) for every page the shared page cache does not answer itself.

``CompressionMiddleware`` is Django's ``GZipMiddleware`` placed first in ``MIDDLEWARE``, outside
``PublicPageMiddleware``: a page answered from the cache already carries its stored gzip copy
(``Content-Encoding``) and is passed through untouched, and ``FastPath`` answers before Django.

BREACH (reading a secret out of compressed sizes when the attacker's input is reflected beside
it): Django masks the CSRF token in every form afresh per response (since Django 1.10), and its
gzip adds a random-length file name to each stream (since Django 4.2, "Heal the Breach"); a
response that shows a secret that is not masked (a new API token) is marked with ``uncompressed``
and leaves uncompressed. docs/deployment.md explains this."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED = "s4p_uncompressed"
R = TypeVar("R", bound=HttpResponseBase)


def uncompressed(response: R) -> R:
    """Keep this response out of compression: it shows a secret next to what the visitor sent."""
    setattr(response, UNCOMPRESSED, True)
    return response


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if getattr(response, UNCOMPRESSED, False):
            return response
        return super().process_response(request, response)
