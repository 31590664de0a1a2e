"""Benchmark: the cold render of a 300-talk timetable and of its exports (issue 17, point 4).

Run:  .venv/bin/python benchmarks/timetable.py                       # SQLite (a temporary file)
      scripts/with-postgres .venv/bin/python benchmarks/timetable.py # PostgreSQL
      .venv/bin/python benchmarks/timetable.py --save DIR            # also write every output

Builds a conference of 300 talks over 5 days in 3 tracks (two sessions of ten talks a day per
track, a third of the talks with two speakers, a tenth with slides and a recording, a break
every day outside the tracks, two talks not yet scheduled), then measures with every cache
off (Django's dummy cache, the in-process programme memo forgotten before each round), so
each round is what the first visitor after a programme change pays:

- ``read programme``: ``queries.programme(event)``, the rows every face below starts from;
- ``timetable fragment``: reading and rendering the timetable's HTML (what the page caches);
- the timetable page, ``schedule.xml``, ``schedule.json``, the event's and one session's iCal
  and ``GET /api/events/{id}/programme``, each through Django's full request handler.

Prints the median and 95th percentile of the wall time, the median CPU time of this process (on
SQLite the database works inside it; on PostgreSQL the server is not counted), in milliseconds,
and the SQL statements of one round.
The garbage collector is set up as in an ``s4p serve`` worker (``science4peace.wsgi``:
the loaded heap frozen, the youngest generation collected after 10,000 objects);
``--default-gc`` keeps Python's defaults instead.
``--save DIR`` writes what each face returned (the fragment, the page without its CSRF
token, the exports with the calendars' DTSTAMP masked) so that two versions of the code can be
compared byte for byte with ``diff -r``. Environment: S4P_BENCH_REPEAT (default 30).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from science4peace.events.domain import queries  # noqa: E402
from science4peace.events.domain.programme import forget_programmes  # noqa: E402
from science4peace.events.models import Contribution, Event, Session, Track  # noqa: E402
from science4peace.events.views import public  # noqa: E402
from science4peace.people.models import Person  # noqa: E402
from science4peace.wsgi import settle_heap  # noqa: E402  (and the warm-up a worker does)

REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "30"))
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# in process, without collectstatic: static files named as they are (the tests do the same)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def build_conference() -> Event:
    start = dt.date(2027, 3, 22)
    event = Event.objects.create(
        title="Benchmark conference", timezone="Europe/Zurich", start_date=start,
        end_date=start + dt.timedelta(days=4), video=Event.Video.JITSI,
        guid=uuid.UUID(int=1),  # fixed identifiers: the outputs of two runs compare equal
    )  # fmt: skip
    tracks = [Track.objects.create(event=event, name=f"Track {n}", position=n) for n in range(3)]
    speakers = Person.objects.bulk_create(
        Person(given_name=f"Speaker{n}", family_name=f"Family{n} & Co") for n in range(250)
    )
    contributions = []
    for day in range(5):
        noon = dt.datetime(2027, 3, 22 + day, 10, 0, tzinfo=dt.UTC)
        Session.objects.create(
            event=event, kind=Session.Kind.BREAK, title="Lunch <break>", start=noon,
            end=noon + dt.timedelta(hours=1),
        )  # fmt: skip
        for track in tracks:
            for block in range(2):  # two sessions of ten 18-minute talks a day per track
                begin = dt.datetime(2027, 3, 22 + day, 7 + 4 * block, 0, tzinfo=dt.UTC)
                session = Session.objects.create(
                    event=event, track=track, title=f"{track.name} day {day + 1} block {block + 1}",
                    start=begin, end=begin + dt.timedelta(hours=3),
                )  # fmt: skip
                for n in range(10):
                    number = len(contributions) + 1
                    contributions.append(
                        Contribution(
                            guid=uuid.UUID(int=1000 + number),
                            event=event,
                            session=session,
                            track=tracks[(track.position + 1) % 3] if number % 25 == 0 else None,
                            title=f'Talk {number}: "quarks" & <gluons>',
                            abstract="An abstract of a few words.",
                            duration=18,
                            start=begin + dt.timedelta(minutes=18 * n),
                            slides=f"slides/2027/talk{number}.pdf" if number % 10 == 0 else "",
                            recording_url=(
                                f"https://media.example.org/v/{number}" if number % 10 == 5 else ""
                            ),
                        )
                    )
    contributions += [
        Contribution(guid=uuid.UUID(int=n), event=event, title=f"Unscheduled {n}", duration=20)
        for n in range(2)
    ]
    contributions = Contribution.objects.bulk_create(contributions)
    links = Contribution.speakers.through
    links.objects.bulk_create(
        links(contribution_id=c.pk, person_id=speakers[(i * 7) % 250].pk, position=0)
        for i, c in enumerate(contributions)
    )
    links.objects.bulk_create(
        links(contribution_id=c.pk, person_id=speakers[(i * 11 + 3) % 250].pk, position=1)
        for i, c in enumerate(contributions)
        if i % 3 == 0
    )
    Event.objects.filter(pk=event.pk).update(version=2)
    return Event.objects.get(pk=event.pk)


def measure(work) -> tuple[float, float, float, int, object]:
    """Median and 95th percentile of the wall time and median CPU time of this process, in ms,
    over REPEAT cold rounds after one warm-up; the SQL statements of one round; what the last
    round returned."""
    times, cpu = [], []
    result = None
    for round_ in range(REPEAT + 1):
        forget_programmes()
        with CaptureQueriesContext(connection) as captured:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            result = work()
            elapsed = (time.perf_counter() - begin) * 1000
            elapsed_cpu = (time.process_time() - begin_cpu) * 1000
        if round_:
            times.append(elapsed)
            cpu.append(elapsed_cpu)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu), len(captured), result


def main() -> None:
    save = Path(sys.argv[sys.argv.index("--save") + 1]) if "--save" in sys.argv else None
    call_command("migrate", verbosity=0)
    (Path(os.environ["S4P_VAR_DIR"]) / "static").mkdir(exist_ok=True)
    event = build_conference()
    if "--default-gc" not in sys.argv:
        settle_heap()  # what an `s4p serve` worker does after loading the application
    else:
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)  # Python's defaults
    session = Session.objects.filter(event=event, kind="session").order_by("start", "id")[3]
    client = Client()
    base = f"/events/{event.pk}"

    def get(path: str):
        def run() -> bytes:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.content

        return run

    def fragment() -> bytes:
        event.refresh_from_db(fields=["version"])
        return public._fragment(event, queries.programme(event), event.timezone).encode()

    cases = [
        ("read programme", lambda: queries.programme(event)),
        ("timetable fragment", fragment),
        ("timetable page", get(f"{base}/timetable/")),
        ("schedule.xml", get(f"{base}/schedule.xml")),
        ("schedule.json", get(f"{base}/schedule.json")),
        ("event.ics", get(f"{base}/event.ics")),
        ("session .ics", get(f"{base}/sessions/{session.pk}.ics")),
        ("API programme", get(f"/api/events/{event.pk}/programme")),
    ]
    files = {
        "timetable fragment": "fragment.html",
        "timetable page": "page.html",
        "schedule.xml": "schedule.xml",
        "schedule.json": "schedule.json",
        "event.ics": "event.ics",
        "session .ics": "session.ics",
        "API programme": "programme.json",
    }
    database = connection.vendor
    print(
        f"{database}, {Contribution.objects.filter(start__isnull=False).count()} scheduled talks, "
        f"{REPEAT} cold rounds each, load average {Path('/proc/loadavg').read_text().split()[:3]}, "
        f"garbage collection {gc.get_threshold()}, {gc.get_freeze_count()} objects frozen"
    )
    print(f"{'case':22} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8}")
    settings = override_settings(CACHES=NO_CACHE, STORAGES=STORAGES, ALLOWED_HOSTS=["testserver"])
    with settings, translation.override("en"):
        for name, work in cases:
            p50, p95, cpu, count, result = measure(work)
            print(f"{name:22} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {count:8d}", flush=True)
            if save is not None and name in files:
                text = result.decode()
                text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", text)
                text = re.sub(r"DTSTAMP:\S+", "DTSTAMP:masked", text)
                save.mkdir(parents=True, exist_ok=True)
                (save / files[name]).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
