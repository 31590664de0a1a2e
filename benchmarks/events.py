"""Benchmark: the timetable of a large online conference and concurrent registration,
against PostgreSQL and the production server (``s4p serve``: gunicorn).

Run:  scripts/with-postgres .venv/bin/python benchmarks/events.py

1. Builds an event of 300 contributions over 5 days in 3 tracks with 5,000 registrants.
2. Starts ``s4p serve`` and sends the complete timetable page (anonymous, every talk in the
   HTML) from 20 concurrent clients: prints requests/s, median and 99th-percentile latency,
   page size raw and gzipped; the same for the frab ``schedule.xml``.
3. Sends 2,000 registrations (plus 200 double submits) through the API from 20 concurrent
   clients to an event with 1,500 places: prints the throughput and checks that nobody is
   lost or duplicated and that the waiting list is exactly the last 500, in arrival order.

Environment: S4P_BENCH_REQUESTS (default 2000 per page and round), S4P_BENCH_WORKERS (gunicorn
workers, default 4), S4P_BENCH_PORT (default 8765).
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))
if not os.environ.get("S4P_DATABASE_URL", "").startswith("postgres"):
    sys.exit("run under scripts/with-postgres: this benchmark measures PostgreSQL")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from science4peace.events.models import (  # noqa: E402
    Contribution,
    Event,
    EventRole,
    Registration,
    Session,
    Track,
)
from science4peace.people.models import ApiToken, Person  # noqa: E402
from science4peace.people.models.tokens import hash_token  # noqa: E402

REQUESTS = int(os.environ.get("S4P_BENCH_REQUESTS", "2000"))
WORKERS = int(os.environ.get("S4P_BENCH_WORKERS", "4"))
PORT = int(os.environ.get("S4P_BENCH_PORT", "8765"))
CLIENTS = 20


def build_conference() -> Event:
    User = get_user_model()
    start = dt.date(2027, 3, 22)
    event = Event.objects.create(
        title="Benchmark conference", timezone="Europe/Zurich", start_date=start,
        end_date=start + dt.timedelta(days=4), video=Event.Video.JITSI,
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
    users = User.objects.bulk_create(
        User(username=f"reg{n}", email=f"reg{n}@example.org") for n in range(5000)
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(event=event, user=u, status="registered", queued_at=now, consent_at=now,
                     code=f"B{n:07d}")
        for n, u in enumerate(users)
    )  # fmt: skip
    EventRole.objects.create(event=event, user=users[0], role="organiser")
    Event.objects.filter(pk=event.pk).update(version=2)
    return event


def build_registration_event() -> tuple[Event, list[str]]:
    User = get_user_model()
    event = Event.objects.create(
        title="Registration benchmark", timezone="UTC", start_date=dt.date(2027, 5, 3),
        end_date=dt.date(2027, 5, 4), capacity=1500,
    )  # fmt: skip
    users = User.objects.bulk_create(
        User(username=f"api{n}", email=f"api{n}@example.org") for n in range(2000)
    )
    secrets_ = [f"s4p_{secrets.token_urlsafe(32)}" for _ in users]
    ApiToken.objects.bulk_create(
        ApiToken(user=u, name="bench", prefix=s[:10], key_hash=hash_token(s))
        for u, s in zip(users, secrets_, strict=True)
    )
    return event, secrets_


def serve() -> subprocess.Popen:
    env = dict(os.environ, S4P_BIND=f"127.0.0.1:{PORT}", S4P_WORKERS=str(WORKERS))
    process = subprocess.Popen(  # noqa: S603 (our own s4p, beside this interpreter)
        [str(Path(sys.executable).with_name("s4p")), "serve"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    begin = time.perf_counter()
    for _attempt in range(900):  # up to 3 minutes: collectstatic and the preload, on a busy machine
        try:
            request("GET", "/healthz")
            print(f"s4p serve answered after {time.perf_counter() - begin:.1f} s", flush=True)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("s4p serve did not start")


def request(method: str, path: str, body: bytes | None = None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(path: str, total: int) -> dict:
    latencies: list[float] = []
    failures = []
    lock = threading.Lock()
    per_client = total // CLIENTS

    def client() -> None:
        mine = []
        for _ in range(per_client):
            begin = time.perf_counter()
            status, _body = request("GET", path)
            mine.append((time.perf_counter() - begin) * 1000)
            if status != 200:
                failures.append(status)
        with lock:
            latencies.extend(mine)

    def run() -> float:
        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        begin = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - begin

    def percentile(share: float) -> float:
        return sorted(latencies)[int(share * (len(latencies) - 1))]

    run()  # the cold round, reported apart: every worker reads and renders the programme once
    cold_p99 = percentile(0.99)
    failed = len(failures)
    latencies.clear()
    elapsed = run()
    _status, body = request("GET", path)
    return {
        "path": path,
        "requests": len(latencies),
        "failures": failed + len(failures),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(0.5),
        "p99_ms": percentile(0.99),
        "cold_p99_ms": cold_p99,
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, 6)),
    }


def register_all(event: Event, tokens: list[str]) -> dict:
    path = f"/api/events/{event.pk}/registration"
    payload = json.dumps({"consent": True}).encode()
    work = [(n, t) for n, t in enumerate(tokens)] + [(n, tokens[n]) for n in range(0, 2000, 10)]
    statuses: dict[int, list[int]] = {}
    lock = threading.Lock()

    def client(chunk) -> None:
        for n, token in chunk:
            status, _body = request(
                "POST", path, payload,
                {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )  # fmt: skip
            with lock:
                statuses.setdefault(n, []).append(status)

    chunks = [work[i::CLIENTS] for i in range(CLIENTS)]
    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    rows = list(Registration.objects.filter(event=event).order_by("queued_at", "id"))
    users = [r.user_id for r in rows]
    waiting = [r for r in rows if r.status == "waiting"]
    registered = [r for r in rows if r.status == "registered"]
    return {
        "requests": len(work),
        "rps": len(work) / elapsed,
        "non_2xx": sum(1 for s in statuses.values() for x in s if x not in (200, 201)),
        "registrations": len(rows),
        "distinct_people": len(set(users)),
        "registered": len(registered),
        "waiting": len(waiting),
        "waiting_list_is_the_last_arrivals": all(
            w.queued_at >= max(r.queued_at for r in registered) for w in waiting
        ),
    }


def main() -> None:
    call_command("migrate", verbosity=0)
    conference = build_conference()
    registration_event, tokens = build_registration_event()
    process = serve()
    try:
        results = [
            load(f"/events/{conference.pk}/timetable/", REQUESTS),
            load(f"/events/{conference.pk}/schedule.xml", REQUESTS),
        ]
        print(f"s4p serve, {WORKERS} gunicorn workers, {CLIENTS} concurrent clients, PostgreSQL")
        print(
            f"{'page':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'cold p99':>9} "
            f"{'bytes':>8} {'gzip':>7}"
        )
        for r in results:
            print(
                f"{r['path']:40} {r['rps']:8.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} "
                f"{r['cold_p99_ms']:9.1f} "
                f"{r['bytes']:8d} {r['gzip_bytes']:7d}"
                + (f"  FAILURES {r['failures']}" if r["failures"] else "")
            )
        outcome = register_all(registration_event, tokens)
        print(
            f"registrations: {outcome['requests']} requests (2,000 people + 200 double submits) "
            f"at {outcome['rps']:.0f} req/s; {outcome['registrations']} rows for "
            f"{outcome['distinct_people']} people; {outcome['registered']} registered, "
            f"{outcome['waiting']} waiting; waiting list = last arrivals: "
            f"{outcome['waiting_list_is_the_last_arrivals']}; non-2xx: {outcome['non_2xx']}"
        )
        ok = (
            outcome["registrations"] == outcome["distinct_people"] == 2000
            and (outcome["registered"], outcome["waiting"]) == (1500, 500)
            and outcome["waiting_list_is_the_last_arrivals"]
            and outcome["non_2xx"] == 0
            and not any(r["failures"] for r in results)
        )
        sys.exit(0 if ok else 1)
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
