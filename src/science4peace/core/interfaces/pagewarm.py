"""Pages rebuilt after a change, by the task queue (``s4p worker``), before visitors ask.

When topics change (``core.domain.pagetopics``), ``schedule`` enqueues one ``rebuild_pages``
task for them (one at a time per topic: a burst of changes enqueues one task, and a change made
while it runs enqueues the next). The task asks for each page asked under those topics lately
(``pagecache.seen``: every zone and language someone used, newest first, at most
``REBUILD_LIMIT``) through Django's own request handling, as an anonymous visitor of the same
host, path, query and language would: the page cache's middleware stores what the view renders.
S4P_PAGE_PREWARM=false turns this off (no worker needed; the first visitor rebuilds).

Before that, inside the change's own transaction, ``prebuild`` asks for the
``S4P_PAGE_PREBUILD`` pages built most recently under the topics in ``PREBUILT`` (a programme,
a collaboration, a paper: changed now and then, read by many at once), through the database
commit hook of ``core.db``. With the database cache the pages are written by that transaction,
so they appear together with the change: after a programme change no visitor is served the
old page and none waits for the new one. Changes that come in bursts (registrations, with their
counts) or in bulk (catalog imports) leave their pages to the worker.
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
from django.db import DEFAULT_DB_ALIAS, transaction
from django.urls import get_urlconf, set_urlconf
from django.utils import translation
from django_tasks import task

from science4peace.core import db
from science4peace.core.domain import pagetopics
from science4peace.core.interfaces import pagecache

log = logging.getLogger(__name__)

PENDING = "s4p:rebuild:"
REBUILD_LIMIT = 32
PREBUILT = ("event:", "collaborations", "papers")  # topics (or their prefixes) built in the change
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


def handler() -> BaseHandler:
    global _handler
    if _handler is None:
        _handler = BaseHandler()
        _handler.load_middleware()
    return _handler


def rebuild(variants: Iterable[dict[str, str]]) -> int:
    """Ask for each page as its visitors would; the number asked for."""
    asked = 0
    for variant in variants:
        handler().get_response(WSGIRequest(environ_of(variant)))
        asked += 1
    return asked


def prebuild(connection: Any) -> int:
    """Just before ``connection`` commits (``core.db.BEFORE_COMMIT``): ask for the pages most
    recently built under the ``PREBUILT`` topics its transaction changed, each in a savepoint
    (a page that fails is rolled back alone and the change commits). The number built."""
    limit = settings.S4P_PAGE_PREBUILD
    if limit <= 0 or connection.alias != DEFAULT_DB_ALIAS:
        return 0
    topics = [t for t in pagetopics.pending(connection) if t.startswith(PREBUILT)]
    if not topics or not pagetopics.transactional():
        return 0
    variants = pagecache.seen(topics)[:limit]
    if not variants:
        return 0
    built = 0
    language, urlconf = translation.get_language(), get_urlconf()
    try:
        for variant in variants:
            try:
                with transaction.atomic(using=connection.alias):  # a savepoint
                    status = handler().get_response(WSGIRequest(environ_of(variant))).status_code
                    transaction.set_rollback(status >= 500, using=connection.alias)
                built += status == 200
            except Exception:
                log.exception("page cache: %s could not be built before the commit", variant)
    finally:
        if language:
            translation.activate(language)
        else:
            translation.deactivate()
        set_urlconf(urlconf)
    return built


@task()
def rebuild_pages(topics: list[str]) -> int:
    """The worker's task: rebuild the pages asked for lately under ``topics``."""
    cache.delete_many([PENDING + topic for topic in topics])
    return rebuild(pagecache.seen(topics)[:REBUILD_LIMIT])


pagetopics.on_commit_listeners.append(schedule)
db.BEFORE_COMMIT.append(prebuild)
