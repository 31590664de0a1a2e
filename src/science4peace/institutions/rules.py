"""Who may change institutions. One condition per line (docs/development.md)."""

from typing import Any


def can_create_institution(user: Any) -> bool:
    return bool(user.is_authenticated)


def can_edit_institution(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_staff)
