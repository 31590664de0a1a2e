"""Benchmark: the travel footprint of 25,000 attendees (target: under 1 s).

Run:  .venv/bin/python benchmarks/footprint.py [--against SRC]

25,000 attendees from 2,000 places drawn with a fixed seed over the inhabited latitudes;
prints the time to read them from CSV, of the in-person scenario under each factor table, of
"online beyond 1,500 km", of the best venue among 200 candidates, and of the p-median hubs:
3 among 20 candidates (target: under 1 s), 3 among 50 (target: under 10 s), 5 among 20 and
5 among 50.

``--against SRC`` (another checkout's ``src``, e.g. extracted with
``git archive COMMIT src | tar -x -C /tmp/before``) times 3 hubs among 20 with both versions
alternately in child processes and prints the ratio, the only comparison that holds on a
shared machine. Times are wall-clock and CPU: HiGHS's time limit is wall-clock, so on a
loaded machine the old solver could stop at it with a worse set of hubs (its tonnes are
printed beside its time).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from science4peace.lib.footprint import (
    FACTOR_TABLES,
    Attendees,
    best_venue,
    hubs,
    in_person,
    online_beyond,
    read_attendees,
    table,
)

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, work):
    begin, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - begin, time.process_time() - cpu
    print(f"{label:50} {wall:8.3f} s {cpu:8.3f} s CPU")
    return result


def attendees_and_text() -> tuple[Attendees, str]:
    rng = np.random.default_rng(2026)
    places = 2000
    lat, lon = rng.uniform(-45, 65, places), rng.uniform(-180, 180, places)
    counts = rng.multinomial(25_000, np.full(places, 1 / places))
    text = "city,country,lat,lon,count\n" + "".join(
        f"P{i},XX,{lat[i]:.4f},{lon[i]:.4f},{counts[i]}\n" for i in range(places)
    )
    return read_attendees(text), text


def first(attendees: Attendees, n: int) -> Attendees:
    return Attendees(
        attendees.labels[:n], attendees.lat[:n], attendees.lon[:n], attendees.counts[:n]
    )


def child() -> None:
    """3 hubs among 20 once, for the parent: wall and CPU seconds, tonnes."""
    attendees, _text = attendees_and_text()
    import scipy.optimize  # noqa: F401  loaded before timing, as the old solver needs it

    wall, cpu = time.perf_counter(), time.process_time()
    scenario = hubs(attendees, first(attendees, 20), table("klower2020"), 3)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps([wall, cpu, scenario.tonnes]))


def compare(against: Path, turns: int) -> None:
    sources = {"before (--against)": against.resolve(), "after (this checkout)": ROOT / "src"}
    runs: dict[str, list[list[float]]] = {name: [] for name in sources}
    for _turn in range(turns):
        for name, source in sources.items():
            output = subprocess.run(  # noqa: S603  our interpreter, our script
                [sys.executable, __file__, "--child"],
                env={**os.environ, "PYTHONPATH": str(source)},
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[name].append(json.loads(output))
    print(f"3 hubs among 20 candidates, 2,000 places: {turns} alternating turns")
    medians = {}
    for name, values in runs.items():
        wall = float(np.median([v[0] for v in values]))
        cpu = float(np.median([v[1] for v in values]))
        tonnes = ", ".join(f"{v[2]:,.0f}" for v in values)
        medians[name] = (wall, cpu)
        print(f"{name:<24} {wall:8.3f} s {cpu:8.3f} s CPU   tonnes: {tonnes}")
    (before_wall, before_cpu), (after_wall, after_cpu) = medians.values()
    print(
        f"{'ratio before / after':<24} {before_wall / after_wall:8.0f}   "
        f"{before_cpu / after_cpu:8.0f}   (wall, CPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="the src directory of the other version")
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child()
        return
    if options.against:
        compare(options.against, options.turns)
        return
    _attendees, text = attendees_and_text()
    attendees = timed("read 2,000 places / 25,000 attendees from CSV", lambda: read_attendees(text))
    assert attendees.total == 25_000
    venue = (48.21, 16.37)
    for name in FACTOR_TABLES:
        scenario = timed(f"in person, {name}", lambda n=name: in_person(attendees, venue, table(n)))
        print(f"{'':50} {scenario.tonnes:12,.0f} t")
    timed(
        "online beyond 1,500 km", lambda: online_beyond(attendees, venue, table("klower2020"), 1500)
    )
    candidates = first(attendees, 200)
    timed("best venue among 200", lambda: best_venue(attendees, candidates, table("klower2020")))
    for k, sites in [(3, 20), (3, 50), (5, 20), (5, 50)]:
        scenario = timed(
            f"{k} hubs among {sites} (p-median), 2,000 places",
            lambda k=k, sites=sites: hubs(
                attendees, first(attendees, sites), table("klower2020"), k
            ),
        )
        print(f"{'':50} {scenario.tonnes:12,.0f} t at {', '.join(scenario.venues)}")


if __name__ == "__main__":
    main()
