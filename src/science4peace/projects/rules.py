"""Who may do what with a project. One condition per line (STYLE.md rule 3); no rule reads a
country, an institution or a location (invariant 1)."""

from typing import Any

from allauth.account.models import EmailAddress

from science4peace.projects.models import Project, ProjectMember


def has_confirmed_account(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def can_propose(user: Any) -> bool:
    return has_confirmed_account(user)


def is_lead(user: Any, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return ProjectMember.objects.filter(
        project=project,
        person__user=user,
        status=ProjectMember.Status.MEMBER,
        role=ProjectMember.Role.LEAD,
    ).exists()


def is_member(user: Any, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return ProjectMember.objects.filter(
        project=project, person__user=user, status=ProjectMember.Status.MEMBER
    ).exists()


def can_lead(user: Any, project: Project) -> bool:
    if is_lead(user, project):
        return True
    return bool(user.is_authenticated and user.is_staff)


def can_ask_to_join(user: Any, project: Project) -> bool:
    if not has_confirmed_account(user):
        return False
    if project.status == Project.Status.COMPLETED:
        return False
    return project.open_for_members
