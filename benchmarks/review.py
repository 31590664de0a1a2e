"""Benchmark: conflicts of interest and reviewer assignment for a large call.

Run:  .venv/bin/python benchmarks/review.py                           (SQLite, a temp file)
      scripts/with-postgres .venv/bin/python benchmarks/review.py     (PostgreSQL)
Loads the demo's LHC-scale collaboration (about 3,000 fictional people at real institutes, with
membership histories, one in ten having moved), then makes an event with 150 reviewers and
1,000 submissions drawn from those people (1-5 authors each), 400 small recent papers (3-20
authors) and one 3,000-author paper among them, keywords of expertise and bids. It times
``conflicts.find`` (the conflicts of every pair) and ``assignment.do_assign`` (conflicts again,
weights, the MILP with HiGHS, saving the pairs), checks every constraint (3 reviewers each, no
conflict, load within the limit) and prints the solution's weight against the bound of the
LP relaxation. ``S4P_BENCH_SUBMISSIONS``, ``S4P_BENCH_REVIEWERS`` change the sizes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from science4peace.collaborations import demo  # noqa: E402
from science4peace.events.models import Event, EventRole  # noqa: E402
from science4peace.papers.models import Paper, PaperAuthor  # noqa: E402
from science4peace.people.models import Person  # noqa: E402
from science4peace.review.domain import assignment, conflicts  # noqa: E402
from science4peace.review.models import (  # noqa: E402
    Assignment,
    Bid,
    Call,
    Expertise,
    Submission,
    SubmissionAuthor,
)

SUBMISSIONS = int(os.environ.get("S4P_BENCH_SUBMISSIONS", "1000"))
REVIEWERS = int(os.environ.get("S4P_BENCH_REVIEWERS", "150"))
K = 3
rng = random.Random(20261130)
KEYWORDS = [f"topic {i}" for i in range(60)]


def build() -> tuple[Call, Event]:
    today = timezone.localdate()
    call_command("migrate", verbosity=0)
    demo.load_demo(today)
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    users = get_user_model().objects
    organiser = users.create_user(username="organiser", email="o@example.org", is_staff=True)
    event = Event.objects.create(
        title="Benchmark conference", start_date=today, end_date=today, timezone="UTC"
    )
    EventRole.objects.create(event=event, user=organiser, role="organiser")
    now = timezone.now()
    call = Call.objects.create(
        event=event,
        opens=now - dt.timedelta(days=30),
        closes=now + dt.timedelta(days=30),
        kinds=["talk", "poster"],
        reviewers_per_submission=K,
        max_load=25,
    )
    reviewer_people = rng.sample(people, REVIEWERS)
    reviewers = []
    for n, pid in enumerate(reviewer_people):
        user = users.create_user(username=f"reviewer{n}", email=f"r{n}@example.org")
        Person.objects.filter(pk=pid).update(user=user)
        reviewers.append(user)
    EventRole.objects.bulk_create(
        EventRole(event=event, user=u, role="reviewer") for u in reviewers
    )
    Expertise.objects.bulk_create(
        Expertise(
            event=event, reviewer=u, keywords=", ".join(rng.sample(KEYWORDS, rng.randint(3, 6)))
        )
        for u in reviewers
    )
    submitter = users.create_user(username="submitter", email="s@example.org")
    subs = Submission.objects.bulk_create(
        Submission(
            call=call,
            submitter=submitter,
            title=f"Submission {n}",
            abstract="An abstract.",
            keywords=", ".join(rng.sample(KEYWORDS, rng.randint(2, 4))),
            kind="talk",
            code=f"{n:08X}",
        )
        for n in range(SUBMISSIONS)
    )
    SubmissionAuthor.objects.bulk_create(
        SubmissionAuthor(
            submission=s, position=i, person_id=pid, name=f"Author {pid}", presents=i == 0
        )
        for s in subs
        for i, pid in enumerate(rng.sample(people, rng.randint(1, 5)))
    )
    recent = today - dt.timedelta(days=400)
    papers = Paper.objects.bulk_create(
        [Paper(title=f"Small paper {n}", reference_date=recent) for n in range(400)]
        + [Paper(title="The 3,000-author paper", reference_date=recent)]
    )
    PaperAuthor.objects.bulk_create(
        PaperAuthor(paper=p, person_id=pid, family_name="x")
        for p in papers[:-1]
        for pid in rng.sample(people, rng.randint(3, 20))
    )
    PaperAuthor.objects.bulk_create(
        (PaperAuthor(paper=papers[-1], person_id=pid, family_name="x") for pid in people),
        batch_size=1000,
    )
    Bid.objects.bulk_create(
        Bid(submission=s, reviewer=u, level=rng.choice(["eager", "willing", "not_willing"]))
        for s in subs
        for u in rng.sample(reviewers, 5)
    )
    return call, event


def main() -> None:
    t0 = time.perf_counter()
    call, _event = build()
    built = time.perf_counter() - t0
    organiser = get_user_model().objects.get(username="organiser")
    t1, c1 = time.perf_counter(), time.process_time()
    found = conflicts.find(call)
    detect, detect_cpu = time.perf_counter() - t1, time.process_time() - c1
    t2, c2 = time.perf_counter(), time.process_time()
    result = assignment.do_assign(call, actor=organiser)
    assign, assign_cpu = time.perf_counter() - t2, time.process_time() - c2
    pairs = list(
        Assignment.objects.filter(submission__call=call).values_list("submission_id", "reviewer_id")
    )
    per_sub: dict[int, int] = {}
    per_rev: dict[int, int] = {}
    for s, r in pairs:
        per_sub[s] = per_sub.get(s, 0) + 1
        per_rev[r] = per_rev.get(r, 0) + 1
    every_k = set(per_sub.values()) == {K} and len(per_sub) == SUBMISSIONS
    no_conflict = not any(p in found for p in pairs)
    within = max(per_rev.values()) <= call.max_load
    coauthor = sum(1 for rs in found.values() for r in rs if r.code == "coauthor")
    institution = sum(1 for rs in found.values() for r in rs if r.code == "institution")
    load = os.getloadavg()
    print(f"database: {connection.vendor}; setup {built:.1f} s (not timed below)")
    print(f"submissions {SUBMISSIONS}, reviewers {REVIEWERS}, k {K}, max load {call.max_load}")
    print(
        f"conflicted pairs {len(found)} "
        f"(institution reasons {institution}, co-author reasons {coauthor})"
    )
    print(f"conflict detection: {detect:.2f} s wall, {detect_cpu:.2f} s CPU")
    print(
        f"assignment (conflicts + weights + MILP + save): {assign:.2f} s wall, "
        f"{assign_cpu:.2f} s CPU; solver part {result.seconds:.2f} s wall"
    )
    print(
        f"constraints: every submission {K} reviewers {every_k}; "
        f"no conflicted pair {no_conflict}; loads within limit {within}"
    )
    print(
        f"loads: min {min(per_rev.values())}, max {max(per_rev.values())} "
        f"over {len(per_rev)} reviewers"
    )
    print(
        f"objective {result.objective:.2f} (weight minus balance penalty); "
        f"LP relaxation bound {result.bound:.2f}; gap {100 * result.gap:.4f} %"
    )
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if not (every_k and no_conflict and within):
        sys.exit(1)


if __name__ == "__main__":
    main()
