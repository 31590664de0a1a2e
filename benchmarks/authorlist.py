"""Benchmark: parse the real ATLAS author list (2,911 authors, 281 organisations) and render
every format under the equal-affiliations policy, on one core.

Run:  .venv/bin/python benchmarks/authorlist.py [PATH]
Prints the median over the repetitions of each step, in a fresh process state per round
(caches cleared), and the total. Target: under one second in total.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from science4peace.lib.authorlist import latex, order
from science4peace.lib.authorlist.formats import FORMATS, render_many, render_prepared
from science4peace.lib.authorlist.parse import parse
from science4peace.lib.authorlist.policy import prepare

ROOT = Path(__file__).resolve().parent.parent
# The default is the copy the tests use; any other authors.xml can be given by path.
ATLAS = ROOT / "tests" / "data" / "authorlists" / "atlas_authlist.xml"
ROUNDS = 5


def one_round(data: bytes) -> dict[str, float]:
    latex.tex.cache_clear()
    order._collation_key.cache_clear()
    times: dict[str, float] = {}
    start = time.perf_counter()
    authorlist = parse(data)
    times["parse"] = time.perf_counter() - start
    start = time.perf_counter()
    prepared = prepare(authorlist, "equal-affiliations", allow_invalid_ids=True)
    times["order and number"] = time.perf_counter() - start
    for fmt in FORMATS:
        start = time.perf_counter()
        render_prepared(prepared, authorlist, fmt)
        times[fmt] = time.perf_counter() - start
    times["total"] = sum(times.values())
    latex.tex.cache_clear()
    order._collation_key.cache_clear()
    start = time.perf_counter()
    render_many(parse(data), list(FORMATS), "equal-affiliations", allow_invalid_ids=True)
    times["total, one call (check)"] = time.perf_counter() - start
    return times


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ATLAS
    data = path.read_bytes()
    rounds = [one_round(data) for _index in range(ROUNDS)]
    print(f"{path.name}: {len(data):,} bytes; median of {ROUNDS} rounds, one core")
    for step in rounds[0]:
        median = statistics.median(r[step] for r in rounds) * 1000
        print(f"{step:<32} {median:>8.1f} ms")


if __name__ == "__main__":
    main()
