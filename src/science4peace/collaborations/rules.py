"""Who may administer a collaboration and see its work contributions. One condition per line
(docs/development.md); no rule reads a country or a location."""

from typing import Any

from science4peace.collaborations.models import Collaboration, WorkContribution


def is_administrator(user: Any, collaboration: Collaboration) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return collaboration.administrators.filter(pk=user.pk).exists()


def can_see_work_contribution(user: Any, contribution: WorkContribution) -> bool:
    """Confirmed work is public; pending and rejected work only to its person and to the
    collaboration's administrators (``queries.list_work_contributions`` filters alike)."""
    if contribution.status == WorkContribution.Status.CONFIRMED:
        return True
    if not user.is_authenticated:
        return False
    if contribution.person.user_id == user.pk:
        return True
    return is_administrator(user, contribution.collaboration)


def can_create_collaboration(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def can_publish_pledge(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_staff)
