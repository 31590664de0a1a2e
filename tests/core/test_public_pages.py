"""Public pages anonymous visitors share (core.interfaces.pagecache, issue 17): the event list,
an event, a collaboration, a paper and the catalog's search results carry no cookie, an ETag
and a public Cache-Control, answer 304, are served before Django's request handling by the
WSGI fast path, and never outlive a change to what they show."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from science4peace.catalog.demo import load_demo as load_catalog
from science4peace.core.domain import pagetopics
from science4peace.core.interfaces import pagewarm
from science4peace.events.models import Registration
from science4peace.papers.domain.changes import do_create_paper
from science4peace.wsgi import application
from tests.conftest import cache_queries

pytestmark = pytest.mark.django_db

TOTAL = re.compile(r"(\d+) records?\b")
CONTROL = "public, max-age=10, stale-while-revalidate=30"


@pytest.fixture
def paper(helix, staff):
    return do_create_paper(helix, actor=staff, title="A paper", reference_date=dt.date(2020, 1, 1))


@pytest.fixture
def pages(event, helix, paper):
    load_catalog()
    return {
        "event list": reverse("events:list"),
        "event": reverse("events:detail", args=[event.pk]),
        "collaboration": reverse("collaborations:detail", args=[helix.pk]),
        "paper": reverse("papers:detail", args=[paper.pk]),
        "catalog search": reverse("catalog:search") + "?q=muon",
    }


def _shape(response) -> tuple:
    return (
        response.status_code,
        dict(response.cookies),
        "csrfmiddlewaretoken" in response.content.decode(),
        response.get("Cache-Control"),
        response.get("ETag", "").startswith('W/"'),
    )


def test_every_public_page_is_shared_without_a_cookie(client, pages):
    shapes = {name: [_shape(client.get(url)) for _visit in range(2)] for name, url in pages.items()}
    assert shapes == {name: [(200, {}, False, CONTROL, True)] * 2 for name in pages}


def test_every_public_page_answers_304_to_its_etag(client, pages):
    statuses = {}
    for name, url in pages.items():
        etag = client.get(url)["ETag"]
        statuses[name] = client.get(url, HTTP_IF_NONE_MATCH=etag).status_code
    assert statuses == dict.fromkeys(pages, 304)


def test_logged_in_visitors_get_private_pages(client, user, pages):
    client.force_login(user)
    controls = {name: client.get(url)["Cache-Control"] for name, url in pages.items()}
    assert controls == dict.fromkeys(pages, "private, no-cache")


def _environ(path: str, query: str = "", **headers: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **headers,
    }


def _call(environ: dict) -> tuple[str, dict, bytes]:
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=dict(headers))

    # as Django's test client does: the test's transaction must survive the request
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answered["status"], answered["headers"], body


def test_the_fast_path_answers_with_one_read_of_the_cache_and_nothing_else(client, event):
    path = reverse("events:detail", args=[event.pk])
    first = client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status, headers, body = _call(_environ(path))
    assert (status, headers["S4P-Page-Cache"], headers["ETag"], body) == (
        "200 OK",
        "hit",
        first["ETag"],
        first.content,
    )
    assert len(captured.captured_queries) == len(cache_queries(captured)) == 1


def test_the_fast_path_leaves_visitors_with_a_session_to_django(client, event, user):
    path = reverse("events:detail", args=[event.pk])
    client.get(path)
    client.force_login(user)
    session = client.cookies["sessionid"].value
    status, headers, body = _call(_environ(path, HTTP_COOKIE=f"sessionid={session}"))
    assert (status, "S4P-Page-Cache" in headers, "Log out" in body.decode()) == (
        "200 OK",
        False,
        True,
    )


def test_a_registration_renews_the_event_page_and_the_list(client, event, user):
    detail, listing = reverse("events:detail", args=[event.pk]), reverse("events:list")
    before = [client.get(url)["ETag"] for url in (detail, listing)]
    now = timezone.now()
    Registration.objects.create(
        event=event, user=user, status="registered", code="R0000001", queued_at=now, consent_at=now
    )
    after = [client.get(url) for url in (detail, listing)]
    assert [page["ETag"] != tag for page, tag in zip(after, before, strict=True)] == [True, True]
    assert "Registered: 1" in after[0].content.decode()


def test_a_collaboration_change_renews_its_page(client, helix):
    url = reverse("collaborations:detail", args=[helix.pk])
    client.get(url)
    helix.name = "HELIX-2"
    helix.save()
    assert "HELIX-2" in client.get(url).content.decode()


def test_a_catalog_import_renews_the_search_results(client, db):
    url = reverse("catalog:search") + "?q=muon"
    empty = client.get(url).content.decode()
    load_catalog()  # bulk writes, no signals: the import says what changed
    found = client.get(url).content.decode()
    counts = [int(TOTAL.search(page).group(1)) for page in (empty, found)]
    assert (counts[0], counts[1] > 0) == (0, True)


def test_a_rolled_back_change_leaves_later_changes_published(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                pagetopics.changed("demo")
                raise RuntimeError
        except RuntimeError:
            pass
        before = pagetopics.tokens(["demo"])
        with transaction.atomic():
            pagetopics.changed("demo")
        after = pagetopics.tokens(["demo"])
    assert before != after


def test_a_change_queues_the_rebuild_and_the_rebuild_serves_the_next_visitor(
    client, event, django_capture_on_commit_callbacks
):
    path = reverse("events:detail", args=[event.pk])
    client.get(path)
    client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event.title = "Renamed Meeting"
        event.save()
    queued = list(
        DBTaskResult.objects.filter(task_path__endswith="rebuild_pages").values_list(
            "args_kwargs", flat=True
        )
    )
    rebuilt = pagewarm.rebuild_pages.func(queued[0]["args"][0])
    english = client.get(path)
    russian = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    assert rebuilt == 2
    assert [
        (page["S4P-Page-Cache"], "Renamed Meeting" in page.content.decode())
        for page in (
            english,
            russian,
        )
    ] == [("hit", True), ("hit", True)]
    assert 'lang="ru"' in russian.content.decode()
