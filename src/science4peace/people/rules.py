"""Who may change a person's record. One condition per line (docs/development.md).

No rule here reads a country or a location (invariant 1)."""

from typing import Any

from science4peace.people.models import Person


def can_edit_person(user: Any, person: Person) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return bool(person.user_id == user.pk)
