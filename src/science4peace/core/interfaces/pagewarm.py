"""Pages rebuilt after a change, by the task queue (``s4p worker``), before visitors ask.

When topics change (``core.domain.pagetopics``), ``schedule`` enqueues one ``rebuild_pages``
task for them (one at a time per topic: a burst of changes enqueues one task, and a change made
while it runs enqueues the next). The task asks for each page asked under those topics lately
(``pagecache.seen``: every zone and language someone used, newest first, at most
``REBUILD_LIMIT``) through Django's own request handling, as an anonymous visitor of the same
host, path, query and language would: the page cache's middleware stores what the view renders.
S4P_PAGE_PREWARM=false turns this off (no worker needed; the first visitor rebuilds).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django_tasks import task

from science4peace.core.domain import pagetopics
from science4peace.core.interfaces import pagecache

log = logging.getLogger(__name__)

PENDING = "s4p:rebuild:"
REBUILD_LIMIT = 32
_handler: BaseHandler | None = None


def schedule(topics: Iterable[str]) -> None:
    """After a commit: enqueue the rebuild of the pages that show ``topics``."""
    if not settings.S4P_PAGE_PREWARM:
        return
    due = sorted(topic for topic in topics if cache.add(PENDING + topic, 1, timeout=120))
    if due:
        try:
            rebuild_pages.enqueue(due)
        except Exception:
            log.exception("page cache: the rebuild of %s could not be queued", due)
            cache.delete_many([PENDING + topic for topic in due])


def environ_of(variant: dict[str, str]) -> dict[str, Any]:
    host, _, port = variant["host"].partition(":")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": variant["path"].encode().decode("latin-1"),
        "QUERY_STRING": variant["query"],
        "SCRIPT_NAME": "",
        "SERVER_NAME": host or "localhost",
        "SERVER_PORT": port or ("443" if variant["scheme"] == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": variant["host"],
        "HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}={variant['language']}",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": variant["scheme"],
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    if variant["htmx"]:
        environ["HTTP_HX_REQUEST"] = "true"
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        environ[header[0]] = header[1] if variant["scheme"] == "https" else "http"
    return environ


def rebuild(variants: Iterable[dict[str, str]]) -> int:
    """Ask for each page as its visitors would; the number asked for."""
    global _handler
    if _handler is None:
        _handler = BaseHandler()
        _handler.load_middleware()
    asked = 0
    for variant in variants:
        _handler.get_response(WSGIRequest(environ_of(variant)))
        asked += 1
    return asked


@task()
def rebuild_pages(topics: list[str]) -> int:
    """The worker's task: rebuild the pages asked for lately under ``topics``."""
    cache.delete_many([PENDING + topic for topic in topics])
    return rebuild(pagecache.seen(topics)[:REBUILD_LIMIT])


pagetopics.on_commit_listeners.append(schedule)
