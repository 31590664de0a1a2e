"""Benchmark: suggestions by science alone among 100,000 people and 10,000 projects.

Run:  scripts/with-postgres .venv/bin/python benchmarks/projects.py     (PostgreSQL)
      .venv/bin/python benchmarks/projects.py                           (SQLite, a temp file)
Fills a fresh database with synthetic research profiles and projects (terms drawn with a
Zipf-like skew, so "hep-ph" is common and most keywords are rare), then measures, for sampled
people and projects, ``suggestions.projects_for(person)`` and ``suggestions.people_for(project)``
(the functions behind the pages and the API): median and 95th percentile in milliseconds, the
number of SQL statements, and the number of postings read. ``S4P_BENCH_PEOPLE``,
``S4P_BENCH_PROJECTS`` and ``S4P_BENCH_REPEAT`` change the sizes and the samples.
"""

from __future__ import annotations

import os
import random
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
from django.db import connection, transaction  # noqa: E402

from science4peace.lib.matching import ARXIV_CLASSES, EXPERIMENT, KEYWORD, SKILL, SUBJECT  # noqa: E402
from science4peace.people.models import Person  # noqa: E402
from science4peace.projects.domain import suggestions  # noqa: E402
from science4peace.projects.models import (  # noqa: E402
    ProfileTerm,
    Project,
    ProjectMember,
    ProjectTerm,
    ResearchProfile,
)

PEOPLE = int(os.environ.get("S4P_BENCH_PEOPLE", "100000"))
PROJECTS = int(os.environ.get("S4P_BENCH_PROJECTS", "10000"))
REPEAT = int(os.environ.get("S4P_BENCH_REPEAT", "200"))
BATCH = 5000
rng = random.Random(20261130)

SUBJECTS = list(ARXIV_CLASSES)
KEYWORDS = [f"keyword{i}" for i in range(3000)]
SKILLS = [f"skill{i}" for i in range(80)]
EXPERIMENTS = ["CMS", "ATLAS", "ALICE", "LHCb", "OPERA", "DELPHI", "PHENIX", "TOTEM"]


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


WEIGHTS = {
    SUBJECT: zipf_weights(len(SUBJECTS), 1.3),
    KEYWORD: zipf_weights(len(KEYWORDS)),
    SKILL: zipf_weights(len(SKILLS)),
    EXPERIMENT: zipf_weights(len(EXPERIMENTS), 1.5),
}
VALUES = {SUBJECT: SUBJECTS, KEYWORD: KEYWORDS, SKILL: SKILLS, EXPERIMENT: EXPERIMENTS}


def draw(kind: str, low: int, high: int) -> set[str]:
    k = rng.randint(low, high)
    return {f"{kind}:{v}" for v in rng.choices(VALUES[kind], WEIGHTS[kind], k=k)}


def terms(experiments: tuple[int, int]) -> set[str]:
    return (
        draw(SUBJECT, 1, 3)
        | draw(KEYWORD, 2, 6)
        | draw(SKILL, 1, 4)
        | draw(EXPERIMENT, *experiments)
    )


@transaction.atomic
def fill() -> None:
    people = Person.objects.bulk_create(
        (Person(given_name="G", family_name=f"F{i}") for i in range(PEOPLE)), batch_size=BATCH
    )
    ResearchProfile.objects.bulk_create(
        (ResearchProfile(person=p, suggestable=rng.random() > 0.1) for p in people),
        batch_size=BATCH,
    )
    ProfileTerm.objects.bulk_create(
        (ProfileTerm(profile_id=p.pk, term=t) for p in people for t in terms((0, 2))),
        batch_size=BATCH,
    )
    projects = Project.objects.bulk_create(
        (
            Project(
                title=f"Project {i}",
                kind="experiment",
                status=rng.choice(["proposed", "active", "active", "completed"]),
                open_for_members=rng.random() > 0.2,
            )
            for i in range(PROJECTS)
        ),
        batch_size=BATCH,
    )
    ProjectTerm.objects.bulk_create(
        (ProjectTerm(project=p, term=t) for p in projects for t in terms((1, 1))),
        batch_size=BATCH,
    )
    ProjectMember.objects.bulk_create(
        (
            ProjectMember(project=p, person=person, role=role, status="member")
            for p in projects
            for person, role in zip(
                rng.sample(people, 3), ["lead", "member", "member"], strict=True
            )
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, run, items: list) -> tuple[str, float, float, float, int]:
    for item in items[:5]:
        run(item)  # warm up
    counter = Counter()
    with connection.execute_wrapper(counter):
        run(items[0])
    times = []
    found = 0
    for item in items:
        start = time.perf_counter()
        found += len(run(item))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return label, statistics.median(times), p95, max(times), counter.count


def main() -> None:
    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill()
    with connection.cursor() as cursor:
        # as autovacuum would have: statistics, and the visibility map for index-only scans
        cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")
    filled = time.perf_counter() - started
    people = list(
        ResearchProfile.objects.values_list("person_id", flat=True).order_by("?")[:REPEAT]
    )
    projects = list(Project.objects.order_by("?")[:REPEAT])
    persons = list(Person.objects.filter(pk__in=people))
    postings = ProfileTerm.objects.count(), ProjectTerm.objects.count()
    results = [
        measure("projects for a person", suggestions.projects_for, persons),
        measure("people for a project", suggestions.people_for, projects),
    ]
    print(
        f"database: {vendor}; {PEOPLE} people ({postings[0]} interest terms), {PROJECTS} "
        f"projects ({postings[1]} need terms); filled in {filled:.0f} s; {REPEAT} samples"
    )
    print(f"{'case':<24} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, median, p95, worst, count in results:
        print(f"{label:<24} {median:>10.1f} {p95:>8.1f} {worst:>8.1f} {count:>8}")
    if vendor != "postgresql":
        print("note: SQLite", file=sys.stderr)


if __name__ == "__main__":
    main()
