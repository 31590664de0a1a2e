"""Benchmark: a space with 10,000 threads and 100,000 replies (issue 15).

Run:  scripts/with-postgres .venv/bin/python benchmarks/spaces.py     (PostgreSQL)
      .venv/bin/python benchmarks/spaces.py                           (SQLite, a temp file)
Fills a fresh database with one collaboration space of 200 members, 10,000 threads and
100,000 replies (one thread holds 500 of them), then requests as a member, through Django's
test client (the whole view: access check, queries, Markdown rendering, template), the
space's page (the newest 25 threads), its htmx fragment, and a page of the 500-reply thread
(50 posts each, first and last page). Prints median, 95th percentile and maximum in
milliseconds and the SQL statements per request. ``S4P_BENCH_THREADS``,
``S4P_BENCH_REPLIES`` and ``S4P_BENCH_REPEAT`` change the sizes and the samples.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from science4peace.collaborations.models import Collaboration, Membership  # noqa: E402
from science4peace.institutions.models import Institution  # noqa: E402
from science4peace.lib.markup import render as markdown  # noqa: E402
from science4peace.lib.opendata.tokens import document  # noqa: E402
from science4peace.people.models import Person  # noqa: E402
from science4peace.spaces.models import Post, Space, Thread  # noqa: E402

THREADS = int(os.environ.get("S4P_BENCH_THREADS", "10000"))
REPLIES = int(os.environ.get("S4P_BENCH_REPLIES", "100000"))
REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "100"))
BIG = 500
MEMBERS = 200
BATCH = 5000
rng = random.Random(20261130)
WORDS = ["muon", "jet", "calibration", "trigger", "luminosity"]
WORDS += ["run", "detector", "alignment", "fit", "peak"]


def _text() -> str:
    words = " ".join(rng.choices(WORDS, k=rng.randint(8, 40)))
    return f"{words}, with $m_{{\\mu\\mu}} = {rng.randint(1, 120)}$ GeV."


# texts rendered and split into search words once (the domain does both once per post, when
# it is written; here 500 distinct texts are shared by the 110,000 posts)
TEXTS = [(t, markdown(t), document([t])) for t in (_text() for _ in range(500))]
POST_COLUMNS = [
    "thread_id",
    "space_id",
    "author_id",
    "body",
    "html",
    "created",
    "hidden_reason",
    "search_document",
]


def text() -> tuple[str, str, str]:
    return rng.choice(TEXTS)


def write_posts(rows) -> None:
    """Fixture rows straight into the table: PostgreSQL ``COPY`` (the generated search column
    and its index are computed by the database as for any insert), SQLite one prepared
    statement for all (its triggers fill the FTS5 table)."""
    table = Post._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(POST_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(POST_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(POST_COLUMNS)}) VALUES ({marks})",  # noqa: S608
                list(rows),
            )


@transaction.atomic
def fill():
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"u{i}", email=f"u{i}@example.org") for i in range(MEMBERS)
    )
    people = Person.objects.bulk_create(
        Person(user=u, given_name="G", family_name=f"F{i}") for i, u in enumerate(users)
    )
    institute = Institution.objects.create(name="Institute", country_id="DE")
    collaboration = Collaboration.objects.create(name="BENCH", start=dt.date(2000, 1, 1))
    collaboration.administrators.add(users[0])
    Membership.objects.bulk_create(
        Membership(
            collaboration=collaboration,
            person=p,
            institution=institute,
            start=dt.date(2020, 1, 1),
        )
        for p in people
    )
    space = Space.objects.create(collaboration=collaboration, title="Bench space")
    now = timezone.now()
    big_index = THREADS // 2
    others = [i for i in range(THREADS) if i != big_index]
    targets = [big_index] * BIG + rng.choices(others, k=max(0, REPLIES - BIG))
    counts = Counter(targets)
    threads = Thread.objects.bulk_create(
        (
            Thread(
                space=space,
                author=rng.choice(people),
                title=f"Thread {i}",
                reply_count=counts[i],
                last_activity=now - dt.timedelta(minutes=i),
            )
            for i in range(THREADS)
        ),
        batch_size=BATCH,
    )
    big = threads[big_index]
    person_ids = [p.pk for p in people]

    def posts():
        for thread in threads:
            body, html, words = text()
            title = document([thread.title])
            yield (thread.pk, space.pk, thread.author_id, body, html, now, "", f"{title} {words}")
        for index in targets:
            body, html, words = text()
            author = rng.choice(person_ids)
            yield (threads[index].pk, space.pk, author, body, html, now, "", words)

    write_posts(posts())
    return space, big, users[1]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client: Client, label: str, url: str, **headers):
    for _ in range(5):
        assert client.get(url, headers=headers).status_code == 200  # warm up
    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        client.get(url, headers=headers)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return label, statistics.median(times), p95, times[-1], counter.count


def main() -> None:
    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    print(f"load average before the fill: {load()}", flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    space, big, member = fill()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")
    filled = time.perf_counter() - started
    print(
        f"filled in {filled:.1f} s (this process's CPU: {time.process_time() - cpu:.1f} s); "
        f"load average after: {load()}",
        flush=True,
    )
    client = Client()
    client.force_login(member)
    thread_url = f"/spaces/{space.pk}/threads/{big.pk}/"
    results = [
        measure(client, "thread list (page)", f"/spaces/{space.pk}/"),
        measure(
            client, "thread list (htmx)", f"/spaces/{space.pk}/?page=2", **{"HX-Request": "true"}
        ),
        measure(client, "500-reply thread, first", thread_url),
        measure(client, "500-reply thread, last", f"{thread_url}?page=last"),
        measure(client, "search in the space", f"/spaces/{space.pk}/?q=muon+calibration"),
    ]
    posts = Post.objects.count()
    print(
        f"database: {vendor}; {THREADS} threads, {posts} posts ({posts - THREADS} replies), "
        f"{MEMBERS} members; {REPEAT} requests each; load average after: {load()}"
    )
    print(f"{'request':<26} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, median, p95, worst, count in results:
        print(f"{label:<26} {median:>10.1f} {p95:>8.1f} {worst:>8.1f} {count:>8}")


if __name__ == "__main__":
    main()
