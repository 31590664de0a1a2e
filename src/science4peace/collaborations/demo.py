"""Demo collaborations: one of LHC scale (about 3,000 fictional members at the real
institutions of an LHC experiment's author list, some of whom moved between institutes) and
one small theory collaboration across Russia, Ukraine, Germany and Iran."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import random
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from science4peace.collaborations.models import (
    Collaboration,
    MemberInstitution,
    Membership,
    Resource,
    WorkContribution,
)
from science4peace.institutions.domain.institutions import do_import_organisations
from science4peace.institutions.models import Institution
from science4peace.lib.orgrecords import record_from_row
from science4peace.people.models import Person

DATA = resources.files("science4peace.collaborations").joinpath("demo_data")
LHC_NAME = "HELIX Collaboration"
THEORY_NAME = "Lattice QCD East–West"
LHC_MEMBERS = 3000
KINDS = [k for k, _label in WorkContribution.Kind.choices if k != "other"]
ROLES = ["member"] * 8 + ["engineer", "technician", "student"]
LHC_RESOURCES = [
    (
        "Open data: di-muon events, 2011 run",
        "dataset",
        "public",
        "https://opendata.cern.ch/record/5201",
    ),
    (
        "Full reconstructed data set, 2022 run",
        "dataset",
        "contributors",
        "https://data.helix.example.org/2022/",
    ),
    (
        "Internal note: calorimeter calibration",
        "note",
        "contributors",
        "https://notes.helix.example.org/cal-2023/",
    ),
]


def _lhc_institutions() -> list[Institution]:
    with DATA.joinpath("lhc_institutions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    records = [record_from_row(row, row["name"]) for row in rows]
    report = do_import_organisations(records, actor=None)
    return list({i.pk: i for i in report.created + report.updated}.values())


def _day(rng: random.Random, first: int, last: int) -> dt.date:
    return dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _histories(rng: random.Random, institutions: list[Institution]) -> list[list[tuple[Any, ...]]]:
    """Per member: consecutive (institution, role, start, end) spans; one in ten moved."""
    histories = []
    for _index in range(LHC_MEMBERS):
        start = _day(rng, 2005, 2024)
        moves = 1 if rng.random() < 0.1 else 0
        spans = []
        for move in range(moves + 1):
            last = move == moves
            end = (
                None
                if last and rng.random() < 0.7
                else start + dt.timedelta(days=rng.randint(365, 2500))
            )
            spans.append((rng.choice(institutions), rng.choice(ROLES), start, end))
            if end is None:
                break
            start = end + dt.timedelta(days=1)
        histories.append(spans)
    return histories


def _lhc(today: dt.date) -> None:
    rng = random.Random(1954)  # the year of the CERN Convention
    names = json.loads(DATA.joinpath("names.json").read_text(encoding="utf-8"))
    collaboration = Collaboration.objects.create(
        name=LHC_NAME,
        start=dt.date(2005, 1, 1),
        completion=dt.date(2041, 12, 31),
        description="A fictional LHC-scale experiment: about 3,000 members at real "
        "institutions, for trying the platform.",
        access_kinds=[],
        author_months_before=12,
        author_months_after=12,
    )
    institutions = _lhc_institutions()
    pairs = rng.sample(list(itertools.product(names["given"], names["family"])), LHC_MEMBERS)
    people = Person.objects.bulk_create(
        Person(given_name=given, family_name=family) for given, family in pairs
    )
    memberships, contributions = [], []
    for person, spans in zip(people, _histories(rng, institutions), strict=True):
        for institution, role, start, end in spans:
            memberships.append(
                Membership(
                    collaboration=collaboration,
                    person=person,
                    institution=institution,
                    role=role,
                    start=start,
                    end=end,
                )
            )
        if rng.random() < 0.4:
            _institution, _role, start, end = spans[0]
            contributions.append(
                WorkContribution(
                    collaboration=collaboration,
                    person=person,
                    kind=rng.choice(KINDS),
                    description="work package",
                    start=start,
                    end=end or today,
                    status=WorkContribution.Status.CONFIRMED,
                )
            )
    Membership.objects.bulk_create(memberships)
    WorkContribution.objects.bulk_create(contributions)
    collaboration.member_institutions.bulk_create(
        [
            collaboration.member_institutions.model(collaboration=collaboration, institution=i)
            for i in {m.institution for m in memberships}
        ]
    )
    Resource.objects.bulk_create(
        Resource(
            collaboration=collaboration, title=title, kind=kind, sensitivity=sensitivity, url=url
        )
        for title, kind, sensitivity, url in LHC_RESOURCES
    )


# (family name of a person of the people demo data, role, contribution, first year)
THEORY_MEMBERS = [
    ("Volkova", "member", "theory"),
    ("Kovalenko", "member", "theory"),
    ("Shevchuk", "student", "software"),
    ("Ivanova", "member", "computing"),
    ("Becker", "member", "theory"),
    ("Hosseini", "member", "analysis"),
    ("Karimi", "member", "theory"),
]


def _theory() -> None:
    collaboration = Collaboration.objects.create(
        name=THEORY_NAME,
        start=dt.date(2016, 1, 1),
        completion=dt.date(2032, 12, 31),
        description="Lattice QCD calculations shared by groups in Russia, Ukraine, Germany "
        "and Iran.",
        author_months_before=6,
        author_months_after=24,
        access_kinds=["theory", "software", "computing", "analysis"],
    )
    for family, role, kind in THEORY_MEMBERS:
        person = Person.objects.filter(family_name=family, user=None).first()
        if person is None:
            continue
        for affiliation in person.affiliations.filter(kind="primary").order_by("start"):
            start = max(affiliation.start, collaboration.start)
            if affiliation.end and affiliation.end < start:
                continue
            Membership.objects.create(
                collaboration=collaboration,
                person=person,
                institution=affiliation.institution,
                role=role,
                start=start,
                end=affiliation.end,
            )
            collaboration.member_institutions.get_or_create(institution=affiliation.institution)
        first = person.memberships.filter(collaboration=collaboration).order_by("start").first()
        if first:
            WorkContribution.objects.create(
                collaboration=collaboration,
                person=person,
                kind=kind,
                description=f"{kind} for the gauge ensembles",
                start=first.start,
                end=first.start + dt.timedelta(days=700),
                status=WorkContribution.Status.CONFIRMED,
            )
    Resource.objects.create(
        collaboration=collaboration,
        title="Gauge configurations, ensemble B",
        url="https://lattice.example.org/ensemble-b/",
        kind=Resource.Kind.DATASET,
        sensitivity=Resource.Sensitivity.CONTRIBUTORS,
    )


def _acknowledge(collaboration: Collaboration) -> None:
    """Each member institution asks to acknowledge its country's agencies (as LHC papers
    name them), so every author list of the demo papers shows an acknowledgement."""
    agencies = json.loads(DATA.joinpath("funding_agencies.json").read_text(encoding="utf-8"))
    members = list(collaboration.member_institutions.select_related("institution"))
    for member in members:
        member.funding_agencies = list(agencies.get(member.institution.country_id or "", []))
    MemberInstitution.objects.bulk_update(members, ["funding_agencies"])


@transaction.atomic
def load_demo(today: dt.date | None = None) -> int:
    """Create the demo collaborations that do not exist yet; returns how many exist."""
    if not Collaboration.objects.filter(name=LHC_NAME).exists():
        _lhc(today or timezone.localdate())
        _acknowledge(Collaboration.objects.get(name=LHC_NAME))
    if not Collaboration.objects.filter(name=THEORY_NAME).exists():
        _theory()
        _acknowledge(Collaboration.objects.get(name=THEORY_NAME))
    return Collaboration.objects.count()
