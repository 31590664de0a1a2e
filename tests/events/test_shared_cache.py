"""Two servers, one database (issue 12, "shared state across workers and hosts"): pages are
cached in the shared cache (S4P_CACHE_URL=db:), a programme change made anywhere is seen
through every server on the next request, and throttling counts across servers."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection

from science4peace.events.domain.changes import do_save_contribution
from tests.conftest import S4P

from .conftest import FIRST_DAY

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOO_MANY = "Too many failed login attempts"

# Two hosts share a database server: the SQLite run deselects these (tests/conftest.py).
pytestmark = pytest.mark.postgresql_only


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """The URL this run was given, naming the test database instead of the real one."""
    parts = urlsplit(os.environ["S4P_DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@contextmanager
def _server(tmp_path, name: str, **environ: str):
    port = _free_port()
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path / name),
        "S4P_DATABASE_URL": _database_url(),
        "S4P_SECRET_KEY": "shared-secret-" * 4,
        "S4P_BIND": f"127.0.0.1:{port}",
        "S4P_WORKERS": "1",
        **environ,
    }
    env.pop("S4P_CACHE_URL", None)  # the default, the database cache
    process = subprocess.Popen(
        [S4P, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(240):
            try:
                requests.get(f"{base}/healthz", timeout=5)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.communicate()[0]
                time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_a_programme_change_is_seen_through_the_other_server_at_once(
    transactional_db, tmp_path, conference, organiser, speakers
):
    path = f"/events/{conference.pk}/timetable/"
    with ExitStack() as stack:
        first = stack.enter_context(_server(tmp_path, "a"))
        second = stack.enter_context(_server(tmp_path, "b"))
        before = [requests.get(base + path, timeout=30) for base in (first, second)]
        revalidated = requests.get(
            second + path, headers={"If-None-Match": before[0].headers["ETag"]}, timeout=30
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM s4p_cache WHERE cache_key LIKE %s", ["%page:%"])
            (cached_pages,) = cursor.fetchone()
        session = conference.sessions.filter(kind="session").first()
        do_save_contribution(
            conference,
            actor=organiser,
            title="Late addition",
            kind="talk",
            duration=5,
            session=session,
            start=dt.datetime.combine(FIRST_DAY, dt.time(14, 30)),
            speakers=speakers[:1],
        )
        after = [requests.get(base + path, timeout=30) for base in (second, first)]
    assert cached_pages == 1  # the second server answered from the page the first one cached
    assert [
        (
            page.status_code,
            "Late addition" in page.text,
            page.headers["S4P-Page-Cache"],
            "Set-Cookie" in page.headers,
        )
        for page in before + after
    ] == [
        (200, False, "miss", False),
        (200, False, "hit", False),
        (200, True, "hit", False),  # built by the change itself, before it committed
        (200, True, "hit", False),
    ]
    assert (revalidated.status_code, revalidated.headers["ETag"]) == (
        304,
        before[0].headers["ETag"],
    )


def _login(session: requests.Session, base: str, email: str, password: str) -> str:
    form = session.get(f"{base}/accounts/login/", timeout=30).text
    (token,) = set(TOKEN.findall(form))
    return session.post(
        f"{base}/accounts/login/",
        {"login": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
    ).text


def test_limits_hold_across_servers(transactional_db, tmp_path, user):
    with ExitStack() as stack:
        servers = [
            stack.enter_context(_server(tmp_path, name, S4P_API_RATE_ANONYMOUS="3/m"))
            for name in ("a", "b")
        ]
        api = [
            requests.get(f"{servers[n % 2]}/api/countries", timeout=30).status_code
            for n in range(4)
        ]
        browser = requests.Session()
        logins = [
            TOO_MANY in _login(browser, servers[n % 2], user.email, f"guess {n}") for n in range(6)
        ]
    assert (api, logins) == ([200, 200, 200, 429], [False] * 5 + [True])
