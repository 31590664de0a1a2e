"""The permission funnel of projects: views and API handlers obtain projects, memberships
and the actor's research profile only through these functions. ``Http404`` for what does not
exist, ``PermissionDenied`` for what the actor may see but not do."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person
from science4peace.projects import rules
from science4peace.projects.models import Project, ProjectMember


def access_project(actor: Any, project_id: int, *, to: Literal["see", "lead"] = "see") -> Project:
    """Every project is public; leading it (editing, deciding, starting papers) is for its
    leads."""
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise Http404(_("No such project."))
    if to == "lead" and not rules.can_lead(actor, project):
        raise PermissionDenied(_("Only the project's leads may do this."))
    return project


def access_member(
    actor: Any, project_id: int, person_id: int, *, to: Literal["decide"] = "decide"
) -> ProjectMember:
    """A person's standing in a project, for its leads to accept, decline or promote."""
    project = access_project(actor, project_id, to="lead")
    member = (
        ProjectMember.objects.select_related("person__user", "project")
        .filter(project=project, person_id=person_id)
        .first()
    )
    if member is None:
        raise Http404(_("This person has not asked to join this project."))
    return member


def access_own_profile(actor: Any) -> Person:
    """The signed-in actor's person, whose research interests they edit."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    return access_own_person(actor)
