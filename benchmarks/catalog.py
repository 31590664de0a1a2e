"""Benchmark: import of the CERN Open Data portal's record files, and search over 100,000
records (the real ones replicated with distinct record IDs).

Run:  .venv/bin/python benchmarks/catalog.py [--import-only] [FOLDER]         (SQLite)
      scripts/with-postgres .venv/bin/python benchmarks/catalog.py [...]  (PostgreSQL)

``--import-only`` stops after the import and the comparison of the counts (no replication, no
search cases).

FOLDER defaults to ../shared/data/cernopendata/portal-records (317 files, 8,048 records) and
falls back to tests/data/cernopendata/portal-records. Prints: import wall and CPU time, the
records per (experiment, type) compared with the files (exit 1 if they differ), then for each search
case the median and 95th-percentile time of the query function (``search_records``) and of
the whole page (Django's full handler with templates, in process), over S4P_BENCH_REPEAT
(default 50) repetitions after a warm-up, the median CPU time of this process (on SQLite
the database work is in it; on PostgreSQL the server's is not), and the SQL statements
(the shared cache's own statements apart). On PostgreSQL also the CPU of the server process
that served this connection (read from /proc: the import's total, and per search the mean
over the repetitions, "fn srv" and "pg srv"), so that CPU time can be told from waiting on a
loaded machine. The load average is printed before and after the import and the searches.
The replication fills the copies in bulk, with the GIN indexes built once afterwards.

Each case is measured twice: "cold", with a new catalog version before every repetition (so
the count and facet counts are computed afresh, as for a search nobody made since the last
import), and "warm", the same search again (the counts from the shared cache, as for the
next page, the htmx fragment or the API after the page).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from science4peace.catalog.domain.imports import do_import_records  # noqa: E402
from science4peace.catalog.domain.queries import (  # noqa: E402
    experiment_type_counts,
    forget_search_counts,
    search_records,
)
from science4peace.catalog.models import Record  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "cernopendata" / "portal-records"
REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "50"))
TARGET = int(os.environ.get("S4P_BENCH_RECORDS", "100000"))
STEP = 1_000_000  # replica k of record r gets recid r + k * STEP
CASES = [
    ("muon", {"experiment": ["CMS"], "type": ["Dataset"]}),
    ("higgs", {"experiment": ["CMS"], "year": ["2012"]}),
    ("open data", {"experiment": ["ATLAS"], "type": ["Dataset"]}),
    ("Run2011A", {"type": ["Dataset"], "collision": ["pp"]}),
    ("delphi 1994", {"experiment": ["DELPHI"], "format": ["root"]}),
    ("simulated", {"energy": ["8TeV"], "type": ["Dataset"]}),
]
EXTRA = [
    ("muon", {}),
    ("", {}),
    ("", {"experiment": ["CMS"]}),
    ("", {"experiment": ["ATLAS"], "type": ["Dataset"]}),
    ("data", {}),
]


BOOKKEEPING = ("BEGIN", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        # the shared cache's statements and its transaction are not the search's
        if "s4p_cache" not in sql and not sql.startswith(BOOKKEEPING):
            self.count += 1
        return execute(sql, params, many, context)


def server_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL server process (user and
    system, from /proc: the server runs on this machine in the benchmark), or None (SQLite,
    whose work is in this process, or no /proc)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(run, cold: bool) -> tuple[float, float, float, int, float | None]:
    """Median and p95 wall ms, median CPU ms of this process, SQL statements (without the
    cache's), mean CPU ms of the PostgreSQL server process per run (None on SQLite; a mean,
    as /proc counts in 10 ms ticks). ``cold``: a new catalog version before each run, not
    timed."""
    run()
    if cold:
        forget_search_counts()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        run()
    times, cpu = [], []
    server = 0.0
    for _ in range(REPEAT):
        if cold:
            forget_search_counts()
        before = server_cpu()
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        after = server_cpu()
        if before is not None and after is not None:
            server += after - before
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    mean_server = server * 1000 / REPEAT if connection.vendor == "postgresql" else None
    return statistics.median(times), p95, statistics.median(cpu), counter.count, mean_server


def file_counts(files: list[Path]) -> Counter:
    counts: Counter = Counter()
    for path in files:
        for record in json.loads(path.read_bytes()):
            counts[(record["experiment"][0], record["type"]["primary"])] += 1
    return counts


def import_all(folder: Path) -> bool:
    files = sorted(folder.glob("*.json"))
    print(f"load average before the import: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    server = server_cpu()
    wall, cpu = time.perf_counter(), time.process_time()
    report = do_import_records(
        sources=((p.name, p.read_bytes()) for p in files), actor=None, check_actor=False
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"import: {len(files)} files, {report.summary()}")
    print(f"import: {wall:.1f} s wall, {cpu:.1f} s CPU of this process", end="")
    after = server_cpu()
    if server is not None and after is not None:
        print(f", {after - server:.1f} s CPU of the PostgreSQL server process", end="")
    print(f"; load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    expected, got = dict(file_counts(files)), experiment_type_counts()
    for key in sorted(expected, key=lambda k: -expected[k]):
        print(f"  {key[0]:8} {key[1]:16} files {expected[key]:6}  imported {got.get(key, 0):6}")
    same = expected == got
    print("import: counts by experiment and type", "EQUAL the files" if same else "DIFFER")
    return same


def replicate(target: int) -> None:
    columns = [
        f.column
        for f in Record._meta.concrete_fields
        if f.column not in {"id", "recid", "first_imported"}
    ]
    listed = ", ".join(f'"{c}"' for c in columns)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        gin: list[str] = []
        if connection.vendor == "postgresql":
            # filled in bulk: the GIN indexes are built once at the end instead of updated
            # for each of the 92,000 copies (the benchmark's own throw-away database)
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename IN ('catalog_record', 'catalog_recordsearch') "
                "AND indexdef LIKE '%% USING gin %%'"
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                gin.append(definition)
        base = Record.objects.count()
        k = 1
        while Record.objects.count() < target:
            need = target - Record.objects.count()
            cursor.execute(
                f'INSERT INTO catalog_record ("recid", "first_imported", {listed}) '  # noqa: S608
                f'SELECT "recid" + %s, "first_imported", {listed} FROM catalog_record '
                f'WHERE "recid" < %s ORDER BY "recid" LIMIT %s',
                [k * STEP, STEP, min(base, need)],
            )
            cursor.execute(
                "INSERT INTO catalog_recordfacet (record_id, facet, value) "
                "SELECT n.id, f.facet, f.value FROM catalog_recordfacet f "
                "JOIN catalog_record o ON o.id = f.record_id "
                "JOIN catalog_record n ON n.recid = o.recid + %s "
                "WHERE o.recid < %s",
                [k * STEP, STEP],
            )
            cursor.execute(
                "INSERT INTO catalog_recordsearch (record_id, recid, year, title_sort, "
                "search_title, search_tags, facets) "
                "SELECT n.id, n.recid, s.year, s.title_sort, s.search_title, s.search_tags, "
                "s.facets FROM catalog_recordsearch s "
                "JOIN catalog_record n ON n.recid = s.recid + %s "
                "WHERE s.recid < %s",
                [k * STEP, STEP],
            )
            k += 1
        for definition in gin:
            cursor.execute(definition)
        # what autovacuum would have done by now (PostgreSQL); statistics (both)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"replicated to {Record.objects.count()} records in {time.perf_counter() - start:.1f} s")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main() -> None:
    args = sys.argv[1:]
    import_only = "--import-only" in args
    args = [a for a in args if a != "--import-only"]
    folder = Path(args[0]) if args else DEFAULT
    if not folder.is_dir():
        folder = ROOT / "tests" / "data" / "cernopendata" / "portal-records"
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    print(f"database: {connection.vendor}; records from {folder}")
    same = import_all(folder)
    if import_only:
        sys.exit(0 if same else 1)
    replicate(TARGET)
    client = Client()
    # an (unknown) session cookie: the page is rendered for each request, as for the first
    # visitor of a search, instead of being answered from the shared page cache
    # (``benchmarks/public_pages.py`` measures the cached answer)
    client.cookies[settings.SESSION_COOKIE_NAME] = "benchmark-renders-every-page"
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'case':44} {'':4} {'fn p50':>7} {'fn p95':>7} {'fn cpu':>7} "
        f"{'page p50':>8} {'page p95':>8} {'pg cpu':>7} {'SQL':>3} {'pgSQL':>5} "
        f"{'fn srv':>6} {'pg srv':>6} hits"
    )
    for q, filters in CASES + EXTRA:
        label = f"{q!r} " + " ".join(f"{k}={v[0]}" for k, v in filters.items())
        params = {"q": q, **{k: v[0] for k, v in filters.items()}}
        hits = search_records(q=q, filters=filters).total
        marker = "" if (q, filters) in CASES else "  (extra)"
        for cold in (True, False):
            fn = timed(lambda q=q, f=filters: search_records(q=q, filters=f), cold)
            page = timed(lambda p=params: client.get("/catalog/", p), cold)
            print(
                f"{label[:44]:44} {'cold' if cold else 'warm':4} {fn[0]:7.1f} {fn[1]:7.1f} "
                f"{fn[2]:7.1f} {page[0]:8.1f} {page[1]:8.1f} {page[2]:7.1f} {fn[3]:3} "
                f"{page[3]:5} {_ms(fn[4]):>6} {_ms(page[4]):>6} {hits}{marker}"
            )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
