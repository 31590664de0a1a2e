"""Benchmark: the member list of the 3,000-member demo collaboration and authors-on-date.

Run with PostgreSQL:  scripts/with-postgres .venv/bin/python benchmarks/collaborations.py
Prints, per case, the median and 95th-percentile server time over the repetitions (request
through Django's full handler, templates included, in process) and the number of SQL queries.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from science4peace.collaborations.demo import LHC_NAME  # noqa: E402
from science4peace.collaborations.domain.queries import authors_on_date  # noqa: E402
from science4peace.collaborations.models import Collaboration  # noqa: E402

REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "50"))


class QueryCounter:
    """Counts every statement (the query log is cleared when a request starts)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, run) -> tuple[str, float, float, int]:
    run()  # warm up
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        run()
    times = []
    for _index in range(REPEAT):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return label, statistics.median(times), p95, queries.count


def main() -> None:
    vendor = connection.vendor
    if vendor != "postgresql":
        print(f"note: running on {vendor}; the target is stated for PostgreSQL", file=sys.stderr)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    call_command("load_demo", verbosity=0)
    helix = Collaboration.objects.get(name=LHC_NAME)
    members = helix.memberships.count()
    institution = helix.memberships.values_list("institution_id", flat=True).first()
    client = Client()
    base = f"/collaborations/{helix.pk}/members/"

    def page(query: str = "") -> None:
        response = client.get(base + query)
        assert response.status_code == 200, response.status_code

    day = dt.date(2025, 6, 1)
    results = [
        measure("member list, page 1", page),
        measure("member list, page 30", lambda: page("?page=30")),
        measure("member list, one institution", lambda: page(f"?institution={institution}")),
        measure("member list, members on 2020-01-01", lambda: page("?active_on=2020-01-01")),
        measure("authors on 2025-06-01", lambda: authors_on_date(helix, day)),
    ]
    authors = len(authors_on_date(helix, day))
    print(
        f"database: {vendor}; collaboration: {members} memberships, "
        f"{helix.memberships.values('person').distinct().count()} people, {authors} authors "
        f"on {day}; {REPEAT} repetitions"
    )
    print(f"{'case':<38} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, median, p95, count in results:
        print(f"{label:<38} {median:>10.1f} {p95:>8.1f} {count:>8}")


if __name__ == "__main__":
    main()
