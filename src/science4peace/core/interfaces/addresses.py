"""Many addresses of one route from one ``reverse``: a page that links 150 posts or 300 talks
asks the URL resolver once per route and fills in each id."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

MARKER = str(10**17)  # an id the ``<id:...>`` converter accepts, standing for the last argument


def addresses(name: str, *fixed: object) -> Callable[[object], str]:
    """``reverse(name, args=[*fixed, n])`` for every ``n``: the route's pattern must end with
    that last argument."""
    head, _marker, tail = reverse(name, args=[*fixed, MARKER]).rpartition(MARKER)
    return lambda n: f"{head}{n}{tail}"
