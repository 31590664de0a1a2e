"""Public pages kept whole in the shared cache for visitors who are not logged in.

A view decorated with ``public_page(topics)`` renders, for a visitor without a session (no
session or messages cookie, no ``Authorization``), the same page for everyone who asks the same
URL on the same host in the same language. That page is stored once in the shared cache
(S4P_CACHE_URL) together with its gzip variant, the response headers and the tokens of the
topics it shows (``core.domain.pagetopics``); it is answered again only while every token is
unchanged, so a change made through any process is never followed by the old page.

Two places answer from the cache:
- ``FastPath`` wraps the WSGI application (``science4peace.wsgi``): a stored page is answered
  before Django's request handling starts (no session, messages, authentication or CSRF
  work), with one read of the cache.
- ``PublicPageMiddleware``, first in ``MIDDLEWARE``, does the same for any other server (tests,
  ``runserver``) and stores what the view rendered.

Every answer carries ``ETag`` (a hash of the page), ``Cache-Control: public, max-age=…,
stale-while-revalidate=…`` (S4P_PAGE_MAX_AGE, S4P_PAGE_STALE_SECONDS) and answers ``304`` to a
matching ``If-None-Match``. Pages for logged-in visitors are rendered afresh and marked
``private, no-cache``.

A page may hold one *hole*, filled per request by a registered filler without re-rendering
the page: the timetable's "now / next" (``events``). The page is then stored in two pieces,
each compressed once; the gzip stream of a filled page is stitched from them.

Page bodies are stored under their hash and never change; each worker keeps the bodies it
served last in memory (``BODIES``), so a request reads only the small entry and the tokens.
"""

from __future__ import annotations

import hashlib
import logging
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info
from django.db import connections
from django.http import HttpRequest, HttpResponse, parse_cookie
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_from_request

from science4peace.core.domain import pagetopics

log = logging.getLogger(__name__)

PAGE = "s4p:page:2:"  # the number changes with the stored format: an upgrade never reads old
BODY = "s4p:body:2:"
SEEN = "s4p:seen:"
SEEN_LIMIT = 48
PLAN = "s4p.page"  # the environ key under which FastPath hands its plan to the middleware
HOLE = "<!--s4p:hole-->"
KEEP_SECONDS = 24 * 3600
VARY = "Accept-Encoding, Accept-Language, Cookie, HX-Request"
SKIPPED_HEADERS = {
    "content-length",
    "content-encoding",
    "set-cookie",
    "vary",
    "cache-control",
    "etag",
    "expires",
    "last-modified",
    "date",
    "s4p-page-cache",
    "server-timing",
}
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
MIN_COMPRESSED = 512

# name -> (state(data, now), render(data, state)): the state names what fills the hole at
# ``now`` (it goes into the ETag); each state is rendered once per worker.
FILLERS: dict[str, tuple[Callable[[Any, Any], str], Callable[[Any, str], str]]] = {}


def control() -> str:
    return (
        f"public, max-age={settings.S4P_PAGE_MAX_AGE}, "
        f"stale-while-revalidate={settings.S4P_PAGE_STALE_SECONDS}"
    )


class _Memory:
    """A small least-recently-used map, one per worker, for immutable values only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


BODIES = _Memory(128)
FILLED = _Memory(256)
ROUTES = _Memory(4096)  # path -> (topics of its view or None, URL kwargs): fixed per process


@dataclass
class Plan:
    """What a request would be answered with: the entry's key, the topics its page shows and
    (once read) their tokens; ``variant`` is what the rebuild needs to ask for it again."""

    key: str
    topics: tuple[str, ...]
    variant: dict[str, str]
    tokens: tuple[str | None, ...] | None = None
    hole: tuple[str, Any] | None = None
    hole_identity: str = ""  # names the hole's data for the ETag, when cheaper than its repr


@dataclass(frozen=True)
class Entry:
    """What each request reads: small (the page itself is in ``Body``)."""

    tokens: tuple[str, ...]
    etag: str
    headers: tuple[tuple[str, str], ...]
    hole: str = ""  # the filler's name


@dataclass(frozen=True)
class Body:
    """The page in one piece, or two around the hole; ``packed``: the gzip stream of the
    piece, or the raw deflate of each of the two pieces (the first ended by a sync flush)."""

    parts: tuple[bytes, ...]
    packed: tuple[bytes, ...] = ()
    crc: int = 0  # CRC-32 of the first piece
    data: Any = None  # what the filler needs


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    content: bytes = b""


class _Visitor:
    """What ``get_language_from_request`` reads of a request, from the WSGI environ."""

    def __init__(self, cookies: dict[str, str], environ: dict[str, Any]) -> None:
        self.COOKIES = cookies
        self.META = environ


def _scheme(environ: dict[str, Any]) -> str:
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, secure = header
        value = environ.get(name)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure else "http"
    return environ.get("wsgi.url_scheme", "http")


def plan_of(environ: dict[str, Any], path: str | None = None) -> Plan | None:
    """The plan for a request that may get the shared page, None for any other. ``path``: the
    request's decoded path where Django has it (under the test client ``PATH_INFO`` is already
    text that need not be Latin-1, as a WSGI server's is)."""
    if environ.get("REQUEST_METHOD") not in {"GET", "HEAD"} or "HTTP_AUTHORIZATION" in environ:
        return None
    raw = environ.get("HTTP_COOKIE", "")
    cookies = parse_cookie(raw) if raw else {}
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    path = get_path_info(environ) if path is None else path
    route = ROUTES.get(path)
    if route is None:
        try:
            match = resolve(path)
        except Resolver404:
            return None
        route = (getattr(match.func, "page_topics", None), match.kwargs)
        ROUTES.put(path, route)
    topics, kwargs = route
    if topics is None:
        return None
    variant = {
        "scheme": _scheme(environ),
        # the name without the port: every server of one site shares its pages
        "host": (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).rsplit(":", 1)[0]
        if not (environ.get("HTTP_HOST") or "").endswith("]")
        else environ["HTTP_HOST"],
        "path": path,
        "query": environ.get("QUERY_STRING", ""),
        "language": get_language_from_request(_Visitor(cookies, environ)),
        "htmx": "true" if environ.get("HTTP_HX_REQUEST") == "true" else "",
    }
    digest = hashlib.blake2b("\n".join(variant.values()).encode(), digest_size=16).hexdigest()
    return Plan(PAGE + digest, tuple(topics(**kwargs)), variant)


def lookup(plan: Plan) -> tuple[Entry, Body] | None:
    """The stored page if it is current: one read of the cache (the entry and every token),
    a second only the first time this worker serves that page."""
    keys = [pagetopics.key(topic) for topic in plan.topics]
    found = cache.get_many([plan.key, *keys])
    plan.tokens = tuple(found.get(k) for k in keys)
    entry = found.get(plan.key)
    if entry is None or entry.tokens != plan.tokens:
        return None
    body = BODIES.get(entry.etag)
    if body is None:
        body = cache.get(BODY + entry.etag)
        if body is None:
            return None
        BODIES.put(entry.etag, body)
    return entry, body


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    weak = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == weak for tag in header.split(","))


def _gzip(deflated: bytes, crc: int, size: int) -> bytes:
    return GZIP_HEADER + deflated + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)


def _filled(entry: Entry, body: Body, now: Any) -> tuple[str, bytes, bytes]:
    """(ETag, page, gzip) of a page with a hole, filled for ``now``."""
    state_of, render = FILLERS[entry.hole]
    data = body.data
    state = state_of(data, now)
    etag = f'W/"{entry.etag}-{state}"'
    made = FILLED.get(etag)
    if made is None:
        before, after = body.parts
        middle = render(data, state).encode()
        plain = before + middle + after
        packed = b""
        if body.packed:
            squeeze = zlib.compressobj(6, zlib.DEFLATED, -15)
            hole = squeeze.compress(middle) + squeeze.flush(zlib.Z_SYNC_FLUSH)
            crc = zlib.crc32(after, zlib.crc32(middle, body.crc))
            packed = _gzip(body.packed[0] + hole + body.packed[1], crc, len(plain))
        made = (plain, packed)
        FILLED.put(etag, made)
    return etag, made[0], made[1]


def answer(entry: Entry, body: Body, environ: dict[str, Any], source: str = "hit") -> Answer:
    """The response to one request for a stored page: 304, or the page, gzipped when the
    client accepts it. ``S4P-Page-Cache`` says whether it was stored already (``hit``) or
    rendered for this request (``miss``)."""
    if entry.hole:
        etag, plain, packed = _filled(entry, body, timezone.now())
    else:
        etag, plain = f'W/"{entry.etag}"', body.parts[0]
        packed = body.packed[0] if body.packed else b""
    common = [
        ("ETag", etag),
        ("Cache-Control", control()),
        ("Vary", VARY),
        ("S4P-Page-Cache", source),
    ]
    asked = environ.get("HTTP_IF_NONE_MATCH")
    if asked and _matches(asked, etag):
        return Answer(304, common)
    headers = [*entry.headers, *common]
    content = plain
    if packed and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
        headers.append(("Content-Encoding", "gzip"))
        content = packed
    headers.append(("Content-Length", str(len(content))))
    return Answer(200, headers, content)


def _body(content: bytes, compress: bool, data: Any) -> Body:
    pieces = content.split(HOLE.encode(), 1)
    if len(pieces) == 1:
        if not compress:
            return Body((content,))
        packed = _gzip(zlib.compress(content, 6, -15), zlib.crc32(content), len(content))
        return Body((content,), (packed,))
    before, after = pieces
    if not compress:
        return Body((before, after), data=data)
    first = zlib.compressobj(6, zlib.DEFLATED, -15)
    second = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Body(
        (before, after),
        (
            first.compress(before) + first.flush(zlib.Z_SYNC_FLUSH),
            second.compress(after) + second.flush(zlib.Z_FINISH),
        ),
        zlib.crc32(before),
        data,
    )


def keep(plan: Plan, response: HttpResponse) -> Entry | None:
    """Store the page ``response`` holds, if it may be shared; the stored entry or None."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or plan.tokens is None
        or None in plan.tokens
        or "private" in response.get("Cache-Control", "")
        or "no-store" in response.get("Cache-Control", "")
    ):
        return None
    content = response.content
    if plan.hole is None and HOLE.encode() in content:
        return None  # a page that names the marker in its own text: never cut it
    compress = len(content) >= MIN_COMPRESSED and response.get("Content-Type", "").startswith(
        ("text/", "application/json", "application/xml")
    )
    digest = hashlib.blake2b(content, digest_size=12)
    if plan.hole is not None:
        digest.update((plan.hole_identity or repr(plan.hole)).encode())
    etag = digest.hexdigest()
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in SKIPPED_HEADERS
    )
    name, data = plan.hole or ("", None)
    entry = Entry(tuple(plan.tokens), etag, headers, name)  # type: ignore[arg-type]
    body = _body(content, compress, data)
    cache.set_many({BODY + etag: body, plan.key: entry}, timeout=KEEP_SECONDS)
    BODIES.put(etag, body)
    note(plan)
    return entry


def note(plan: Plan) -> None:
    """Remember, under each of its topics, that this page was asked for (the newest
    ``SEEN_LIMIT``): after a change, ``pagewarm`` rebuilds these before anyone asks again."""
    now = time.time()
    for topic in plan.topics:
        seen = cache.get(SEEN + topic) or {}
        seen[plan.key] = (now, plan.variant)
        if len(seen) > SEEN_LIMIT:
            seen = dict(sorted(seen.items(), key=lambda item: item[1][0])[-SEEN_LIMIT:])
        cache.set(SEEN + topic, seen, timeout=7 * 24 * 3600)


def seen(topics: Iterable[str]) -> list[dict[str, str]]:
    """The variants asked for under ``topics``, the most recent first."""
    found = cache.get_many([SEEN + topic for topic in topics])
    newest: dict[str, tuple[float, dict[str, str]]] = {}
    for registry in found.values():
        for key, (when, variant) in registry.items():
            if key not in newest or newest[key][0] < when:
                newest[key] = (when, variant)
    return [variant for _when, variant in sorted(newest.values(), key=lambda v: -v[0])]


def _django(result: Answer, method: str) -> HttpResponse:
    response = HttpResponse(b"" if method == "HEAD" else result.content, status=result.status)
    for name, value in result.headers:
        response[name] = value
    return response


class PublicPageMiddleware:
    """Answers stored pages, and stores the pages ``public_page`` views render for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        plan = request.META.pop(PLAN, None)  # FastPath looked it up already: a miss
        if plan is None:
            plan = plan_of(request.META, request.path_info)
            if plan is None:
                return self.get_response(request)
            hit = lookup(plan)
            if hit is not None:
                return _django(answer(*hit, request.META), request.method or "GET")
        if plan.tokens is None or None in plan.tokens:
            plan.tokens = pagetopics.tokens(plan.topics)  # before the page is read, never after
        request.s4p_page = plan  # type: ignore[attr-defined]
        began, began_cpu = time.perf_counter(), time.process_time()
        response = self.get_response(request)
        entry = keep(plan, response)
        if entry is None:
            return response
        result = answer(entry, BODIES.get(entry.etag), request.META, "miss")
        spent = (time.perf_counter() - began) * 1000, (time.process_time() - began_cpu) * 1000
        result.headers.append(("Server-Timing", "render;dur={:.1f}, cpu;dur={:.1f}".format(*spent)))
        return _django(result, request.method or "GET")


def shared(request: HttpRequest) -> bool:
    """Whether this view renders the page every anonymous visitor of its URL shares."""
    return getattr(request, "s4p_page", None) is not None


def hole(request: HttpRequest, name: str, data: Any, identity: str = "") -> SafeString:
    """Mark the place ``FILLERS[name](data, now)`` fills per request; the page keeps
    ``data`` (plain values that pickle) beside it. ``identity``, if given, is a string that
    changes whenever ``data`` does (e.g. a version), used for the ETag instead of ``data``."""
    request.s4p_page.hole = (name, data)  # type: ignore[attr-defined]
    request.s4p_page.hole_identity = identity and f"{name}:{identity}"  # type: ignore[attr-defined]
    return mark_safe(HOLE)  # noqa: S308  (our own constant)


def public_page(topics: Callable[..., Iterable[str]]) -> Callable:
    """Make a GET view's page shared by anonymous visitors; ``topics(**url_kwargs)`` names
    what the page shows (``core.domain.pagetopics``)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if not shared(request):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        wrapper.page_topics = topics  # type: ignore[attr-defined]
        return wrapper

    return decorate


STATUS = {200: "200 OK", 304: "304 Not Modified"}


class FastPath:
    """The WSGI application, preceded by the answer from the shared cache when there is one.
    Any failure here (the cache unreachable) leaves the request to Django."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        result = None
        try:
            plan = plan_of(environ)
            if plan is not None:
                hit = lookup(plan)
                if hit is None:
                    environ[PLAN] = plan
                else:
                    result = answer(*hit, environ)
        except Exception:
            log.exception("page cache: lookup failed, Django answers")
            environ.pop(PLAN, None)
            for connection in connections.all(initialized_only=True):
                connection.close()
        if result is None:
            return self.application(environ, start_response)
        start_response(STATUS[result.status], result.headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [result.content]
