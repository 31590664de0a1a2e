"""Proposing and editing projects, joining and leaving them, papers from them. Every step is
audited; the person concerned is told by e-mail through ``notify`` after the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.catalog.models import Record
from science4peace.core import audit
from science4peace.lib.matching import (
    EXPERIMENT,
    KEYWORD,
    SKILL,
    SUBJECT,
    Term,
    TermError,
    terms_of,
)
from science4peace.papers.domain.changes import do_create_paper_of_people
from science4peace.papers.models import Paper
from science4peace.people.domain.access import access_own_person
from science4peace.projects import rules
from science4peace.projects.models import Project, ProjectMember, ProjectPaper, ProjectTerm

Status = ProjectMember.Status
Role = ProjectMember.Role
MAX_RECORDS = 200

# Called after commit with (the membership of the person to tell, what happened, the
# membership it is about); the views and the API pass the e-mail notifier.
Notify = Callable[[ProjectMember, str, ProjectMember], None]


def _tell(notify: Notify | None, recipient: ProjectMember, what: str, about: ProjectMember) -> None:
    if notify is not None:
        transaction.on_commit(lambda: notify(recipient, what, about))


def check_terms(field: str, kind: str, values: Iterable[str]) -> list[Term]:
    try:
        return terms_of(kind, values)
    except TermError as error:
        raise ValidationError({field: str(error)}) from error


def check_message(message: str) -> str:
    """A message to the leads: several lines of at most 500 characters, no other control
    character; the error names the field."""
    try:
        ProjectMember._meta.get_field("message").clean(message.strip(), None)
    except ValidationError as error:
        raise ValidationError({"message": error.messages}) from error
    return message.strip()


def check_records(recids: Iterable[int]) -> list[Record]:
    """The catalog records of these recids; every unknown one is named."""
    wanted = list(dict.fromkeys(recids))
    if len(wanted) > MAX_RECORDS:
        raise ValidationError({"records": _("At most %(n)s records.") % {"n": MAX_RECORDS}})
    found = {r.recid: r for r in Record.objects.filter(recid__in=wanted)}
    missing = [str(recid) for recid in wanted if recid not in found]
    if missing:
        raise ValidationError(
            {"records": _("No catalog record with ID %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    return [found[recid] for recid in wanted]


def _stated_terms(
    subjects: Iterable[str], keywords: Iterable[str], skills: Iterable[str]
) -> list[Term]:
    return [
        *check_terms("subjects", SUBJECT, subjects),
        *check_terms("keywords", KEYWORD, keywords),
        *check_terms("skills", SKILL, skills),
    ]


def _experiments(records: list[Record]) -> list[Term]:
    names = {name for r in records for name in [r.experiment, *r.experiments] if name}
    return [Term(EXPERIMENT, name[:60]) for name in sorted(names)]


def _set_terms(project: Project, terms: list[Term]) -> None:
    project.terms.all().delete()
    keys = sorted({term.key for term in terms})
    ProjectTerm.objects.bulk_create(ProjectTerm(project=project, term=key) for key in keys)


def _fields(project: Project) -> dict[str, Any]:
    data = audit.snapshot(
        project, ["title", "kind", "status", "description", "open_for_members", "auto_accept"]
    )
    data["records"] = sorted(project.records.values_list("recid", flat=True))
    data["terms"] = sorted(project.terms.values_list("term", flat=True))
    return data


def _check_project(project: Project) -> None:
    project.title = project.title.strip()
    project.full_clean(exclude=["records"])


@transaction.atomic
def do_propose_project(
    *,
    actor: Any,
    title: str,
    kind: str,
    description: str = "",
    open_for_members: bool = True,
    auto_accept: bool = False,
    records: Iterable[int] = (),
    subjects: Iterable[str] = (),
    keywords: Iterable[str] = (),
    skills: Iterable[str] = (),
    language: str = "en",
) -> Project:
    """A new project, proposed by ``actor``, who becomes its lead."""
    if not rules.can_propose(actor):
        raise PermissionDenied(_("Confirm your e-mail address to propose a project."))
    project = Project(
        title=title,
        kind=kind,
        description=description,
        open_for_members=open_for_members,
        auto_accept=auto_accept,
    )
    _check_project(project)
    found = check_records(records)
    terms = _stated_terms(subjects, keywords, skills)
    project.save()
    project.records.set(found)
    _set_terms(project, [*terms, *_experiments(found)])
    ProjectMember.objects.create(
        project=project,
        person=access_own_person(actor),
        role=Role.LEAD,
        status=Status.MEMBER,
        language=language,
        decided=timezone.now(),
    )
    audit.record(actor=actor, action="project.propose", obj=project, after=_fields(project))
    return project


@transaction.atomic
def do_update_project(
    project: Project,
    *,
    actor: Any,
    title: str,
    kind: str,
    status: str,
    description: str = "",
    open_for_members: bool = True,
    auto_accept: bool = False,
    records: Iterable[int] = (),
    subjects: Iterable[str] = (),
    keywords: Iterable[str] = (),
    skills: Iterable[str] = (),
) -> Project:
    if not rules.can_lead(actor, project):
        raise PermissionDenied(_("Only the project's leads may do this."))
    before = _fields(project)
    project.title, project.kind, project.status = title, kind, status
    project.description = description
    project.open_for_members, project.auto_accept = open_for_members, auto_accept
    _check_project(project)
    found = check_records(records)
    terms = _stated_terms(subjects, keywords, skills)
    project.save()
    project.records.set(found)
    _set_terms(project, [*terms, *_experiments(found)])
    audit.record(
        actor=actor, action="project.update", obj=project, before=before, after=_fields(project)
    )
    return project


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _leads(project: Project) -> list[ProjectMember]:
    return list(
        project.members.select_related("person__user").filter(status=Status.MEMBER, role=Role.LEAD)
    )


def _record(member: ProjectMember, *, actor: Any, action: str, before: str = "") -> None:
    audit.record(
        actor=actor,
        action=f"project.{action}",
        obj=member.project,
        before={"person": member.person_id, "status": before} if before else None,
        after={"person": member.person_id, "status": member.status, "role": member.role},
    )


@transaction.atomic
def do_ask_to_join(
    project: Project,
    *,
    actor: Any,
    message: str = "",
    language: str = "en",
    notify: Notify | None = None,
) -> tuple[ProjectMember, bool]:
    """Ask to join (or join at once, where the project accepts everyone). Returns the
    membership and whether it changed; asking again while a request or membership stands
    changes nothing."""
    project = _lock(project)
    if not rules.has_confirmed_account(actor):
        raise PermissionDenied(_("Confirm your e-mail address to join a project."))
    person = access_own_person(actor)
    member = ProjectMember.objects.filter(project=project, person=person).first()
    if member is not None and member.status in {Status.MEMBER, Status.REQUESTED}:
        return member, False
    if not rules.can_ask_to_join(actor, project):
        raise ValidationError(_("This project does not take new members."))
    message = check_message(message)
    before = member.status if member else ""
    member = member or ProjectMember(project=project, person=person)
    member.message, member.language, member.role = message, language, Role.MEMBER
    member.status = Status.MEMBER if project.auto_accept else Status.REQUESTED
    member.decided = timezone.now() if project.auto_accept else None
    member.save()
    if project.auto_accept:
        _record(member, actor=actor, action="join", before=before)
        _tell(notify, member, "joined", member)
    else:
        _record(member, actor=actor, action="ask", before=before)
        _tell(notify, member, "asked", member)
        for lead in _leads(project):
            _tell(notify, lead, "request", member)
    return member, True


def _require_lead(actor: Any, project: Project) -> None:
    if not rules.can_lead(actor, project):
        raise PermissionDenied(_("Only the project's leads may do this."))


@transaction.atomic
def do_decide(
    member: ProjectMember, *, actor: Any, accept: bool, notify: Notify | None = None
) -> ProjectMember:
    """A lead accepts or declines a request to join."""
    _lock(member.project)
    _require_lead(actor, member.project)
    member.refresh_from_db()
    if member.status != Status.REQUESTED:
        raise ValidationError(_("There is no open request from this person."))
    member.status = Status.MEMBER if accept else Status.DECLINED
    member.decided = timezone.now()
    member.save(update_fields=["status", "decided"])
    _record(member, actor=actor, action="accept" if accept else "decline", before="requested")
    _tell(notify, member, "accepted" if accept else "declined", member)
    return member


@transaction.atomic
def do_leave(project: Project, *, actor: Any, notify: Notify | None = None) -> ProjectMember:
    """A member leaves; the last lead must first make another member a lead."""
    project = _lock(project)
    person = access_own_person(actor)
    member = ProjectMember.objects.filter(project=project, person=person).first()
    if member is None or member.status not in {Status.MEMBER, Status.REQUESTED}:
        raise ValidationError(_("You are not a member of this project."))
    leads = _leads(project)
    if member.role == Role.LEAD and len(leads) == 1:
        raise ValidationError(
            _("You are the project's only lead: make another member a lead before you leave.")
        )
    before = member.status
    member.status, member.role, member.decided = Status.LEFT, Role.MEMBER, timezone.now()
    member.save(update_fields=["status", "role", "decided"])
    _record(member, actor=actor, action="leave", before=before)
    _tell(notify, member, "left", member)
    for lead in leads:
        if lead.pk != member.pk:
            _tell(notify, lead, "member-left", member)
    return member


@transaction.atomic
def do_make_lead(
    member: ProjectMember, *, actor: Any, notify: Notify | None = None
) -> ProjectMember:
    _lock(member.project)
    _require_lead(actor, member.project)
    member.refresh_from_db()
    if member.status != Status.MEMBER:
        raise ValidationError(_("Only members can become leads."))
    if member.role == Role.LEAD:
        return member
    member.role = Role.LEAD
    member.save(update_fields=["role"])
    _record(member, actor=actor, action="lead", before="member")
    _tell(notify, member, "lead", member)
    return member


@transaction.atomic
def do_start_paper(
    project: Project,
    *,
    actor: Any,
    title: str,
    policy: str = Paper.Policy.EQUAL_AFFILIATIONS,
    reference_date: dt.date | None = None,
) -> Paper:
    """A paper in the papers app whose authors are the project's members, with their
    affiliations of the day under one equal-treatment policy; the leads edit it."""
    project = _lock(project)
    _require_lead(actor, project)
    if policy not in Paper.Policy.values:
        raise ValidationError({"policy": _("Unknown policy.")})
    members = list(
        project.members.select_related("person__user")
        .filter(status=Status.MEMBER)
        .order_by("person__family_name", "person__given_name", "person_id")
    )
    editors = [m.person.user for m in members if m.role == Role.LEAD and m.person.user]
    if actor.pk not in {editor.pk for editor in editors}:
        editors.append(actor)  # a staff member acting for the project
    paper = do_create_paper_of_people(
        actor=actor,
        people=[m.person for m in members],
        editors=editors,
        title=title,
        reference_date=reference_date or timezone.localdate(),
        policy=policy,
        origin=_("members of the project %(project)s") % {"project": project.title},
    )
    ProjectPaper.objects.create(project=project, paper=paper)
    audit.record(actor=actor, action="project.paper", obj=project, after={"paper": paper.pk})
    return paper
