"""Demo projects on demo catalog records, with demo people as leads and members, and the
research interests of a few demo people (so that suggestions have something to say).
Loaded after the core and catalog demos; running it twice changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from science4peace.catalog.models import Record
from science4peace.lib.matching import EXPERIMENT, KEYWORD, SKILL, SUBJECT, Term, terms_of
from science4peace.people.models import Person
from science4peace.projects.models import (
    ProfileTerm,
    Project,
    ProjectMember,
    ProjectTerm,
    ResearchProfile,
)

PROJECTS = [
    {
        "title": "Dimuon resonances in CMS 2011 open data",
        "kind": Project.Kind.EXPERIMENT,
        "status": Project.Status.ACTIVE,
        "description": "Reconstruct the dimuon mass spectrum $m_{\\mu\\mu}$ from the 2011 "
        "DoubleMu datasets and measure the $J/\\psi$, $\\Upsilon(nS)$ and $Z$ peaks.",
        "records": [17, 272, 230],
        "subjects": ["hep-ex", "hep-ph"],
        "keywords": ["dimuon", "resonances"],
        "skills": ["ROOT", "C++"],
        "auto_accept": False,
        "members": [("Ivanova", "lead"), ("Hosseini", "member"), ("Levi", "member")],
    },
    {
        "title": "Jet substructure with CMS open data",
        "kind": Project.Kind.PHENOMENOLOGY,
        "status": Project.Status.PROPOSED,
        "description": "Groomed jet observables on the 2011 Jet datasets, compared with "
        "parton-shower predictions (after arXiv:1704.05066).",
        "records": [21, 275],
        "subjects": ["hep-ph"],
        "keywords": ["jets", "jet substructure"],
        "skills": ["Python", "FastJet"],
        "auto_accept": True,
        "members": [("Kovalenko", "lead"), ("Khalil", "member")],
    },
    {
        "title": "Matter–antimatter asymmetry in B decays for students",
        "kind": Project.Kind.TEACHING,
        "status": Project.Status.ACTIVE,
        "description": "A course for students on CP violation in $B^\\pm \\to h^\\pm h^+ h^-$ "
        "with the LHCb open-data notebooks.",
        "records": [4900, 4901, 4902],
        "subjects": ["hep-ex", "physics.ed-ph"],
        "keywords": ["cp violation", "b physics"],
        "skills": ["Python", "Jupyter"],
        "auto_accept": False,
        "members": [("Sokolov", "lead"), ("Haddad", "member")],
    },
]
INTERESTS = {
    "Shevchuk": {"subjects": ["hep-ph"], "keywords": ["jets"], "skills": ["Python"]},
    "Karimi": {"subjects": ["hep-ex"], "keywords": ["dimuon"], "experiments": ["CMS"]},
    "Saleh": {"subjects": ["physics.ed-ph"], "keywords": ["cp violation"], "skills": ["Jupyter"]},
    "Mizrahi": {"subjects": ["hep-th"], "keywords": ["amplitudes"]},
}


def _terms(spec: dict) -> list[Term]:
    return [
        *terms_of(SUBJECT, spec.get("subjects", [])),
        *terms_of(KEYWORD, spec.get("keywords", [])),
        *terms_of(SKILL, spec.get("skills", [])),
        *terms_of(EXPERIMENT, spec.get("experiments", [])),
    ]


def _person(family_name: str) -> Person | None:
    return Person.objects.filter(family_name=family_name).order_by("id").first()


def _project(spec: dict) -> Project | None:
    records = list(Record.objects.filter(recid__in=spec["records"]))
    members = [(_person(name), role) for name, role in spec["members"]]
    if not records or members[0][0] is None:
        return None
    project, created = Project.objects.get_or_create(
        title=spec["title"],
        defaults={
            "kind": spec["kind"],
            "status": spec["status"],
            "description": spec["description"],
            "auto_accept": spec["auto_accept"],
        },
    )
    if not created:
        return project
    project.records.set(records)
    experiments = {r.experiment for r in records if r.experiment}
    terms = {t.key for t in _terms(spec)} | {Term(EXPERIMENT, e).key for e in experiments}
    ProjectTerm.objects.bulk_create(ProjectTerm(project=project, term=t) for t in sorted(terms))
    for person, role in members:
        if person is not None:
            ProjectMember.objects.get_or_create(
                project=project,
                person=person,
                defaults={"role": role, "status": "member", "decided": timezone.now()},
            )
    return project


@transaction.atomic
def load_demo() -> int:
    """The demo projects and interests; the number of projects after."""
    for spec in PROJECTS:
        _project(spec)
    for name, spec in INTERESTS.items():
        person = _person(name)
        if person is None or ResearchProfile.objects.filter(person=person).exists():
            continue
        profile = ResearchProfile.objects.create(person=person)
        ProfileTerm.objects.bulk_create(
            ProfileTerm(profile=profile, term=t.key) for t in _terms(spec)
        )
    return Project.objects.count()
