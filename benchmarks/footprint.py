"""Benchmark: the travel footprint of 25,000 attendees (target: under 1 s).

Run:  .venv/bin/python benchmarks/footprint.py

25,000 attendees from 2,000 places drawn with a fixed seed over the inhabited latitudes;
prints the time to read them from CSV, of the in-person scenario under each factor table, of
"online beyond 1,500 km", of the best venue among 200 candidates, and of 3 hubs among 20.
"""

from __future__ import annotations

import time

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


def timed(label: str, work):
    begin = time.perf_counter()
    result = work()
    print(f"{label:50} {time.perf_counter() - begin:8.3f} s")
    return result


def main() -> None:
    rng = np.random.default_rng(2026)
    places = 2000
    lat, lon = rng.uniform(-45, 65, places), rng.uniform(-180, 180, places)
    counts = rng.multinomial(25_000, np.full(places, 1 / places))
    text = "city,country,lat,lon,count\n" + "".join(
        f"P{i},XX,{lat[i]:.4f},{lon[i]:.4f},{counts[i]}\n" for i in range(places)
    )
    attendees = timed("read 2,000 places / 25,000 attendees from CSV", lambda: read_attendees(text))
    assert attendees.total == 25_000
    venue = (48.21, 16.37)
    for name in FACTOR_TABLES:
        scenario = timed(f"in person, {name}", lambda n=name: in_person(attendees, venue, table(n)))
        print(f"{'':50} {scenario.tonnes:12,.0f} t")
    timed(
        "online beyond 1,500 km", lambda: online_beyond(attendees, venue, table("klower2020"), 1500)
    )
    candidates = Attendees(
        attendees.labels[:200], attendees.lat[:200], attendees.lon[:200], attendees.counts[:200]
    )
    timed("best venue among 200", lambda: best_venue(attendees, candidates, table("klower2020")))
    few = Attendees(
        attendees.labels[:20], attendees.lat[:20], attendees.lon[:20], attendees.counts[:20]
    )
    scenario = timed(
        "3 hubs among 20 (p-median, HiGHS), 2,000 places",
        lambda: hubs(attendees, few, table("klower2020"), 3),
    )
    print(f"{'':50} {scenario.tonnes:12,.0f} t at {', '.join(scenario.venues)}")


if __name__ == "__main__":
    main()
