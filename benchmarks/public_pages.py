"""Benchmark: public pages at the framework's own cost (issue 17), against Django's floor.

Run:  .venv/bin/python benchmarks/public_pages.py                       (SQLite)
      scripts/with-postgres .venv/bin/python benchmarks/public_pages.py (PostgreSQL)

1. Loads the demo data (collaborations, papers, a thousand open-data records) and a conference
   of 300 contributions over 5 days in 3 tracks into a throw-away database.
2. Starts, side by side, Django's "hello world" (``benchmarks/floor/hello_world.py``) and
   ``s4p serve``, each under the same gunicorn command line (``gunicorn_argv``: 2 sync workers,
   preload, access log), and ``s4p worker`` (the task queue that rebuilds pages after a
   change).
3. For each page, as an anonymous browser would ask (``Accept``, ``Accept-Encoding: gzip``,
   ``Accept-Language``), sends a warm-up and then ``S4P_BENCH_REQUESTS`` requests from
   ``S4P_BENCH_CLIENTS`` threads (a new connection per request, as gunicorn's sync workers
   close it): requests/s, p50 and p99 latency, and the CPU milliseconds per request of the
   server (master and workers, read from /proc/<pid>/stat before and after), with its ratio to
   the floor (hello world) measured right before it in the same run. On PostgreSQL the
   database server's CPU per request is printed beside it.
4. Changes the programme ``S4P_BENCH_CHANGES`` times (default 5, 3 s apart; a talk's title,
   through the organiser's contribution form: a logged-in POST to ``s4p serve``) while
   ``S4P_BENCH_CLIENTS`` clients ask for the timetable without pause in three zone and
   language variants, through real ``s4p serve`` workers and ``s4p worker``: every response
   begun after a change was committed must show it (the changed title in the body: a response
   without it is counted stale), and it prints the maximum and the 99th percentile of the
   latency of every response after the first change, how many were rendered for the visitor
   (header ``S4P-Page-Cache: miss``) and how many took longer than 50 ms.

``--changes`` runs step 4 alone (no floor, no other page: about a minute), for the target
"after a programme change, no request served stale and none slower than 50 ms because of the
rebuild".

Environment: S4P_BENCH_REQUESTS (default 2000), S4P_BENCH_CLIENTS (default 8),
S4P_BENCH_CHANGES (default 5), S4P_BENCH_WORKER_INTERVAL (``s4p worker --interval``, how
often the worker looks for tasks; its default is 1 s), S4P_BENCH_PORT (default 8790; the floor
uses the next port).
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-pages-"))
os.environ.setdefault("S4P_SECRET_KEY", "public-pages-benchmark-" * 3)
os.environ.setdefault("S4P_EMAIL_URL", "memory:")
os.environ.pop("S4P_CACHE_URL", None)  # the default: the database cache

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from science4peace.cli import gunicorn_argv  # noqa: E402
from science4peace.collaborations.models import Collaboration  # noqa: E402
from science4peace.events.models import Contribution, Event, Session, Track  # noqa: E402
from science4peace.papers.models import Paper  # noqa: E402
from science4peace.people.models import Person  # noqa: E402

REQUESTS = int(os.environ.get("S4P_BENCH_REQUESTS", "2000"))
CLIENTS = int(os.environ.get("S4P_BENCH_CLIENTS", "8"))
CHANGES = int(os.environ.get("S4P_BENCH_CHANGES", "5"))
PORT = int(os.environ.get("S4P_BENCH_PORT", "8790"))
FLOOR_PORT = PORT + 1
BIN = Path(sys.executable).parent
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
BROWSER = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "en-GB,en;q=0.9",
    "User-Agent": "s4p-benchmark",
}


def build_conference() -> Event:
    start = dt.date(2027, 3, 22)
    event = Event.objects.create(
        title="Benchmark conference", timezone="Europe/Zurich", start_date=start,
        end_date=start + dt.timedelta(days=4),
    )  # fmt: skip
    tracks = [Track.objects.create(event=event, name=f"Track {n}", position=n) for n in range(3)]
    speakers = Person.objects.bulk_create(
        Person(given_name=f"Speaker{n}", family_name=f"Family{n}") for n in range(300)
    )
    contributions = []
    for day in range(5):
        for track in tracks:
            for block in range(2):  # two sessions of ten 18-minute talks a day per track
                begin = dt.datetime(2027, 3, 22 + day, 7 + 4 * block, 0, tzinfo=dt.UTC)
                session = Session.objects.create(
                    event=event, track=track, title=f"{track.name} day {day + 1} block {block + 1}",
                    start=begin, end=begin + dt.timedelta(hours=3),
                )  # fmt: skip
                for n in range(10):
                    contributions.append(
                        Contribution(
                            event=event,
                            session=session,
                            title=f"Talk {len(contributions) + 1}",
                            abstract="An abstract of a few words.",
                            duration=18,
                            start=begin + dt.timedelta(minutes=18 * n),
                        )
                    )
    contributions = Contribution.objects.bulk_create(contributions)
    links = Contribution.speakers.through
    links.objects.bulk_create(
        links(contribution_id=c.pk, person_id=speakers[i].pk) for i, c in enumerate(contributions)
    )
    Event.objects.filter(pk=event.pk).update(version=2)
    return event


# --- processes ---------------------------------------------------------------------------


def cpu_ms(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total * TICK_MS


def family(pid: int) -> list[int]:
    """The process and its children (gunicorn's master and its workers)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                children.append(int(entry.name))
    return [pid, *children]


def database_pids() -> list[int]:
    """The PostgreSQL server's processes (the postmaster's children), none for SQLite."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    stat = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
    return family(int(stat[1]))


def start(argv: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603  (our own commands)
        argv, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE,
    )  # fmt: skip
    for _attempt in range(900):
        try:
            status, _headers, _body = request(port, "/healthz" if port == PORT else "/")
            if status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"{argv[0]} did not start")


def request(port: int, path: str, headers: dict[str, str] | None = None, body: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "GET" if body is None else "POST", path, body, headers={**BROWSER, **(headers or {})}
        )
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


class Organiser:
    """An organiser's browser: logged in (a session made in the database), changing a talk
    through the contribution form of ``s4p serve``, as the programme is changed by hand."""

    def __init__(self, event: Event) -> None:
        from django.contrib.auth import (
            BACKEND_SESSION_KEY,
            HASH_SESSION_KEY,
            SESSION_KEY,
            get_user_model,
        )
        from django.contrib.sessions.backends.db import SessionStore

        user = get_user_model().objects.create_user(
            username="organiser", email="organiser@example.org", password=None, is_staff=True
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.event = event
        self.cookies = {settings.SESSION_COOKIE_NAME: session.session_key}

    def rename(self, talk: Contribution, title: str) -> tuple[int, float]:
        """Send the talk's form back with a new title: (status, milliseconds)."""
        import re
        from urllib.parse import urlencode

        from science4peace.events.interfaces.forms import ContributionForm

        path = f"/events/{self.event.pk}/manage/contributions/{talk.pk}/"
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        try:
            conn.request(
                "GET",
                path,
                headers={**BROWSER, "Cookie": self._cookie(), "Accept-Encoding": "identity"},
            )
            response = conn.getresponse()
            body = response.read()
            for cookie in response.msg.get_all("Set-Cookie") or []:
                name, _, value = cookie.split(";", 1)[0].strip().partition("=")
                self.cookies[name] = value
        finally:
            conn.close()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        form = ContributionForm(event=self.event, contribution=talk)
        data = {field.name: field.value() or "" for field in form} | {"title": title}
        data["csrfmiddlewaretoken"] = token.group(1).decode() if token else ""
        begin = time.perf_counter()
        status, _headers, _body = request(
            PORT,
            path,
            {
                "Cookie": self._cookie(),
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept-Encoding": "identity",
            },
            urlencode({key: str(value) for key, value in data.items()}),
        )
        return status, (time.perf_counter() - begin) * 1000

    def _cookie(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


# --- load --------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))] if ordered else float("nan")


def load(port: int, path: str, pids: list[int], total: int, headers=None) -> dict:
    for _ in range(40):  # warm-up: every worker has served the page
        request(port, path, headers)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client(count: int) -> None:
        mine, seen = [], {}
        for _ in range(count):
            begin = time.perf_counter()
            status, _h, _b = request(port, path, headers)
            mine.append((time.perf_counter() - begin) * 1000)
            seen[status] = seen.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, n in seen.items():
                statuses[status] = statuses.get(status, 0) + n

    db = database_pids()
    threads = [threading.Thread(target=client, args=(total // CLIENTS,)) for _ in range(CLIENTS)]
    cpu_before, db_before = cpu_ms(pids), cpu_ms(db)
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    cpu_after, db_after = cpu_ms(pids), cpu_ms(db)
    _status, answer_headers, body = request(port, path, headers)
    n = len(latencies)
    return {
        "requests": n,
        "statuses": statuses,
        "rps": n / elapsed,
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "cpu": (cpu_after - cpu_before) / n,
        "db_cpu": (db_after - db_before) / n if db else None,
        "bytes": len(body),
        "encoding": answer_headers.get("Content-Encoding", "-"),
    }


def after_changes(event: Event, variants: list[tuple[str, dict | None]], rounds: int) -> dict:
    """``CLIENTS`` clients ask for the timetable variants without pause while the programme
    changes ``rounds`` times; every response begun after a change committed must show it."""
    import gzip

    talk = Contribution.objects.filter(event=event).order_by("start").first()
    # begin, latency ms, shows the change, rendered for this visitor, its render's CPU ms
    results: list[tuple[float, float, bool, bool, float]] = []
    # the titles the talk had, oldest first, and since when each was committed; a response
    # must show the title committed when it began, or a newer one (a change may commit while
    # it runs)
    titles: list[str] = [talk.title]
    current = (0, 0.0)  # (index in titles, since when): replaced as one
    stop = threading.Event()
    lock = threading.Lock()

    def client(n: int) -> None:
        mine = []
        while not stop.is_set():
            path, headers = variants[n % len(variants)]
            n += 1
            # what must show in a response begun now: read before it is sent
            index, since = current
            begin = time.perf_counter()
            _status, answer_headers, body = request(PORT, path, headers)
            latency = (time.perf_counter() - begin) * 1000
            if answer_headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            rendered = answer_headers.get("S4P-Page-Cache") == "miss"
            timing = answer_headers.get("Server-Timing", "")
            cpu = float(timing.rsplit("cpu;dur=", 1)[1]) if "cpu;dur=" in timing else 0.0
            if begin > since:
                shown = any(title.encode() in body for title in titles[index:])
                mine.append((begin, latency, shown, rendered, cpu))
                if not shown:
                    print(
                        f"  stale: {path} {headers} {answer_headers.get('S4P-Page-Cache')} "
                        f"ETag {answer_headers.get('ETag')}, begun {(begin - since) * 1000:.1f} "
                        f"ms after the change",
                        flush=True,
                    )
        with lock:
            results.extend(mine)

    organiser = Organiser(event)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    changes, posts = [], []
    for round_ in range(rounds):
        time.sleep(3)
        title = f"Changed talk {round_ + 1} {time.time_ns()}"
        titles.append(title)  # may show from now on (none can before it is committed)
        status, spent = organiser.rename(talk, title)
        if status != 302:
            sys.exit(f"the organiser's change was refused ({status})")
        posts.append(spent)
        # the answer came after the commit: from now on every response must show it
        current = (len(titles) - 1, time.perf_counter())
        changes.append(current[1])
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    before = [r for r in results if r[0] < changes[0]]
    after = [r for r in results if r[0] > changes[0]]
    rendered = [r for r in after if r[3]]
    latencies = [r[1] for r in after]
    return {
        "responses": len(after),
        "stale": sum(1 for r in after if not r[2]),
        "rendered": len(rendered),
        "max_ms": max(latencies, default=0.0),
        "p99_ms": percentile(latencies, 0.99),
        "over_50": sum(1 for latency in latencies if latency > 50),
        "rendered_over_50": sum(1 for r in rendered if r[1] > 50),
        "rendered_max_ms": max((r[1] for r in rendered), default=0.0),
        "rendered_cpu_max_ms": max((r[4] for r in rendered), default=0.0),
        "hits_p99_ms": percentile([r[1] for r in after if not r[3]], 0.99),
        "hits_max_ms": max((r[1] for r in after if not r[3]), default=0.0),
        "before_p99_ms": percentile([r[1] for r in before], 0.99),
        "before_max_ms": max((r[1] for r in before), default=0.0),
        "posts_ms": posts,
    }


def report_changes(event: Event, timetable: str) -> None:
    variants = [
        (timetable, None),
        (timetable, {"Accept-Language": "ru"}),
        (timetable + "?tz=Asia/Tokyo", None),
    ]
    from django_tasks_db.models import DBTaskResult

    rebuilds = DBTaskResult.objects.filter(task_path__endswith="rebuild_pages")
    for path, headers in variants:  # asked once, so the rebuild knows them
        request(PORT, path, headers)
    # one change first, to wait until `s4p worker` has started and rebuilt its pages (it takes
    # tens of seconds to start on a loaded machine)
    Event.objects.get(pk=event.pk).save()
    for _attempt in range(600):
        if rebuilds.exists() and not rebuilds.exclude(status="SUCCESSFUL").exists():
            break
        time.sleep(0.2)
    rebuilds.delete()
    for path, headers in variants:
        request(PORT, path, headers)
    load_before = os.getloadavg()[0]
    change = after_changes(event, variants, CHANGES)
    print(
        f"\nprogramme changed {CHANGES} times, 3 s apart, while {CLIENTS} clients asked for the "
        f"timetable in 3 zone/language variants (load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after):\n"
        f"  responses begun after the first change: {change['responses']}, "
        f"stale: {change['stale']}\n"
        f"  their latency: max {change['max_ms']:.1f} ms, p99 {change['p99_ms']:.1f} ms; "
        f"over 50 ms: {change['over_50']}\n"
        f"  rendered for the visitor (S4P-Page-Cache: miss): {change['rendered']}, "
        f"{change['rendered_over_50']} of them over 50 ms "
        f"(slowest {change['rendered_max_ms']:.1f} ms, "
        f"at most {change['rendered_cpu_max_ms']:.1f} ms of CPU)\n"
        f"  answered from the cache: p99 {change['hits_p99_ms']:.1f} ms, "
        f"max {change['hits_max_ms']:.1f} ms; before the first change: "
        f"p99 {change['before_p99_ms']:.1f} ms, max {change['before_max_ms']:.1f} ms\n"
        f"  the organiser's changes (form sent, page built, committed): "
        f"{', '.join(f'{ms:.0f}' for ms in change['posts_ms'])} ms\n"
        f"  rebuild tasks: {rebuilds.filter(status='SUCCESSFUL').count()} done "
        f"of {rebuilds.count()}; worker interval "
        f"{os.environ.get('S4P_BENCH_WORKER_INTERVAL') or 'its default'}"
    )


def main() -> None:
    print(f"database: {connection.vendor}; var: {settings.VAR_DIR}", flush=True)
    call_command("migrate", verbosity=0)
    if "--changes" not in sys.argv:  # the timetable alone needs only the conference
        call_command("load_demo")
    event = build_conference()
    collaboration = Collaboration.objects.order_by("pk").first()
    paper = Paper.objects.order_by("pk").first()
    server = start([str(BIN / "s4p"), "serve"], PORT, {"S4P_BIND": f"127.0.0.1:{PORT}"})
    interval = os.environ.get("S4P_BENCH_WORKER_INTERVAL", "")  # s4p worker --interval
    worker = subprocess.Popen(  # noqa: S603
        [str(BIN / "s4p"), "worker", *(["--interval", interval] if interval else [])],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    timetable = f"/events/{event.pk}/timetable/"
    if "--changes" in sys.argv:
        try:
            report_changes(event, timetable)
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                process.wait(timeout=60)
        return
    argv = gunicorn_argv(f"127.0.0.1:{FLOOR_PORT}", 2, settings.S4P_WORKER_TIMEOUT, True)
    argv[0], argv[1] = str(BIN / "gunicorn"), "floor.hello_world:application"
    processes = [server, worker]
    try:
        floor = start(argv, FLOOR_PORT)
        processes.append(floor)
        floor_pids, server_pids = family(floor.pid), family(server.pid)
        tag = request(PORT, timetable)[1]["ETag"]
        pages = [
            ("timetable (300 talks)", timetable, None),
            ("timetable, If-None-Match: 304", timetable, {"If-None-Match": tag}),
            ("event page", f"/events/{event.pk}/", None),
            ("event list", "/events/", None),
            ("collaboration page", f"/collaborations/{collaboration.pk}/", None),
            ("paper page", f"/papers/{paper.pk}/", None),
            ("catalog search ?q=muon", "/catalog/?q=muon", None),
        ]
        rows = []
        for name, path, headers in pages:  # the floor right before each page: the same load
            floor_run = load(FLOOR_PORT, "/", floor_pids, REQUESTS)
            page_run = load(PORT, path, server_pids, REQUESTS, headers)
            page_run["floor"] = floor_run["cpu"]
            rows.append((name, page_run))
        print(
            f"\n{CLIENTS} clients, {REQUESTS} requests per page, 2 gunicorn workers each; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        print(
            f"{'page':32} {'status':>10} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'CPU ms':>7} {'floor':>7} {'× floor':>7} {'DB CPU':>7} {'bytes':>7} enc"
        )
        for name, r in rows:
            statuses = ",".join(f"{s}×{n}" for s, n in sorted(r["statuses"].items()))
            db = f"{r['db_cpu']:7.3f}" if r["db_cpu"] is not None else f"{'-':>7}"
            print(
                f"{name:32} {statuses:>10} {r['rps']:7.0f} {r['p50']:7.1f} {r['p99']:7.1f} "
                f"{r['cpu']:7.3f} {r['floor']:7.3f} {r['cpu'] / r['floor']:7.2f} {db} "
                f"{r['bytes']:7d} {r['encoding']}"
            )
        report_changes(event, timetable)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
