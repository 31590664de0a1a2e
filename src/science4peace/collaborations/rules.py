"""Who may administer a collaboration. One condition per line (docs/development.md); no rule
reads a country or a location."""

from typing import Any

from science4peace.collaborations.models import Collaboration


def is_administrator(user: Any, collaboration: Collaboration) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return collaboration.administrators.filter(pk=user.pk).exists()


def can_create_collaboration(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def can_publish_pledge(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_staff)
