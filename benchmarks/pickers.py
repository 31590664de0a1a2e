"""Benchmark: the pages that pick people and institutions (issue 13, point 9).

Run with PostgreSQL:  scripts/with-postgres .venv/bin/python benchmarks/pickers.py
Loads the demo people, collaborations and papers (the 3,000-member collaboration and its
paper of about 3,000 authors), then measures, as the site administrator, through Django's full
request handler: the paper's edit page, the collaboration's manage page and the searches of
the person, institution and author pickers. Prints per case the size of the HTML (raw and
gzip-compressed), the median and 95th-percentile time over the repetitions and the number of
SQL statements. ``S4P_BENCH_REPEAT`` changes the repetitions (default 30).
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from science4peace.collaborations.demo import LHC_NAME  # noqa: E402
from science4peace.collaborations.demo import load_demo as load_collaborations  # noqa: E402
from science4peace.collaborations.models import Collaboration  # noqa: E402
from science4peace.papers.demo import load_demo as load_papers  # noqa: E402
from science4peace.papers.models import Paper  # noqa: E402
from science4peace.people.demo import load_demo as load_people  # noqa: E402

REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "30"))


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(client: Client, url: str, **headers) -> tuple[int, int, float, float, int]:
    response = client.get(url, **headers)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    body = response.content
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        client.get(url, **headers)
    times = []
    for _index in range(REPEAT):
        start = time.perf_counter()
        client.get(url, **headers)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return len(body), len(gzip.compress(body)), statistics.median(times), p95, queries.count


def main() -> None:
    if connection.vendor != "postgresql":
        print(f"note: running on {connection.vendor}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    start = time.perf_counter()
    load_people()
    load_collaborations()
    load_papers()
    print(f"demo loaded in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    helix = Collaboration.objects.get(name=LHC_NAME)
    paper = Paper.objects.get(collaboration=helix)
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    htmx = {"HTTP_HX_REQUEST": "true"}
    cases = [
        (f"paper edit page ({paper.authors.count()} authors)", f"/papers/{paper.pk}/edit/", {}),
        ("collaboration manage page", f"/collaborations/{helix.pk}/manage/", {}),
        ("person search 'ova' (htmx)", "/people/pick/?field=m-person&m-person-q=ova", htmx),
        ("institution search 'inst' (htmx)", "/institutions/pick/?field=i&i-q=inst", htmx),
        (
            "author search 'ova' (htmx)",
            f"/papers/{paper.pk}/authors/pick/?field=a&a-q=ova",
            htmx,
        ),
    ]
    print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}, {connection.vendor}")
    print("| case | bytes | gzip bytes | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, url, headers in cases:
        size, packed, median, p95, queries = measure(client, url, **headers)
        print(f"| {label} | {size:,} | {packed:,} | {median:.1f} | {p95:.1f} | {queries} |")
    print(f"load average {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
