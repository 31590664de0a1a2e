"""Benchmark: parse the real ATLAS author list (2,911 authors, 281 organisations) and render
every format under the equal-affiliations policy, on one core.

Run:  taskset -c 0 .venv/bin/python benchmarks/authorlist.py [PATH] [--against SRC]

Prints, for each step, the median over the rounds of its wall-clock and CPU time, each round
with the caches cleared (escaped LaTeX texts, collation keys) as in a fresh process, and the
total. Target: the whole pipeline under 300 ms.

After the warm-up the heap is settled as an ``s4p serve`` worker settles it, where an uploaded
list is read (``science4peace.wsgi.settle_heap``: a full collection, the heap frozen, a
collection of the youngest generation after 10,000 new objects instead of 700);
``--default-gc`` keeps Python's defaults, under which full collections of the whole heap
(30–40 ms each) land in whichever step and round.

``--against SRC`` (another checkout's ``src``, e.g. the commit before a change, extracted with
``git archive COMMIT src | tar -x -C /tmp/before``) measures both versions alternately in
child processes, one round each per turn, and prints each one's median total and their
ratio: on a shared machine whose speed varies from minute to minute, only a ratio measured in
one run compares them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The default is the copy the tests use; any other authors.xml can be given by path.
ATLAS = ROOT / "tests" / "data" / "authorlists" / "atlas_authlist.xml"
ROUNDS = 7


def one_round(data: bytes) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each step and of the total."""
    from science4peace.lib.authorlist import latex, order
    from science4peace.lib.authorlist.formats import FORMATS, render_prepared
    from science4peace.lib.authorlist.parse import parse
    from science4peace.lib.authorlist.policy import prepare

    latex.tex.cache_clear()
    order._collation_key.cache_clear()
    times: dict[str, tuple[float, float]] = {}

    def timed(step: str, work):  # type: ignore[no-untyped-def]
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        times[step] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    authorlist = timed("parse", lambda: parse(data))
    prepared = timed(
        "order and number",
        lambda: prepare(authorlist, "equal-affiliations", allow_invalid_ids=True),
    )
    for fmt in FORMATS:
        timed(fmt, lambda f=fmt: render_prepared(prepared, authorlist, f))
    times["total"] = (sum(w for w, _c in times.values()), sum(c for _w, c in times.values()))
    return times


def child(path: Path, rounds: int) -> None:
    """One warm-up round (imports, the collation table), then ``rounds`` rounds; prints them
    as JSON for the parent."""
    data = path.read_bytes()
    one_round(data)
    print(json.dumps([one_round(data) for _index in range(rounds)]))


def compare(path: Path, against: Path, turns: int) -> None:
    sources = {"before (--against)": against.resolve(), "after (this checkout)": ROOT / "src"}
    totals: dict[str, list[tuple[float, float]]] = {name: [] for name in sources}
    for _turn in range(turns):
        for name, source in sources.items():
            environment = {**os.environ, "PYTHONPATH": str(source)}
            output = subprocess.run(  # noqa: S603  our interpreter, our script
                [sys.executable, __file__, str(path), "--child", "1"],
                env=environment,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            totals[name] += [tuple(r["total"]) for r in json.loads(output)]  # type: ignore[misc]
    print(f"{path.name}: {turns} alternating turns, one round each after a warm-up")
    medians = {}
    for name, values in totals.items():
        wall = statistics.median(w for w, _c in values) * 1000
        cpu = statistics.median(c for _w, c in values) * 1000
        medians[name] = (wall, cpu)
        print(f"{name:<24} total {wall:8.1f} ms wall {cpu:8.1f} ms CPU")
    (before_wall, before_cpu), (after_wall, after_cpu) = medians.values()
    print(
        f"{'ratio before / after':<24} {before_wall / after_wall:14.2f} wall "
        f"{before_cpu / after_cpu:11.2f} CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=ATLAS)
    parser.add_argument("--against", type=Path, help="the src directory of the other version")
    parser.add_argument("--turns", type=int, default=ROUNDS)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--default-gc", action="store_true", help="keep Python's defaults")
    options = parser.parse_args()
    if options.child:
        child(options.path, options.child)
        return
    # this checkout's code, not whichever one the environment installed (a shared virtualenv's
    # editable install may point at another clone)
    sys.path.insert(0, str(ROOT / "src"))
    if options.against:
        compare(options.path, options.against, options.turns)
        return
    data = options.path.read_bytes()
    one_round(data)  # warm-up: imports, the collation table
    if not options.default_gc:  # as science4peace.wsgi.settle_heap (not imported: no Django)
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, *gc.get_threshold()[1:])
    rounds = [one_round(data) for _index in range(ROUNDS)]
    print(
        f"{options.path.name}: {len(data):,} bytes; median of {ROUNDS} rounds after a warm-up; "
        f"garbage collection {gc.get_threshold()}, {gc.get_freeze_count()} objects frozen"
    )
    print(f"code measured: {Path(sys.modules['science4peace'].__file__ or '').parent}")
    print(f"{'step':<24} {'wall ms':>9} {'CPU ms':>9}")
    for step in rounds[0]:
        wall = statistics.median(r[step][0] for r in rounds) * 1000
        cpu = statistics.median(r[step][1] for r in rounds) * 1000
        print(f"{step:<24} {wall:>9.1f} {cpu:>9.1f}")


if __name__ == "__main__":
    main()
