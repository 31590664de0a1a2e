"""Who may do what in the catalog. Records are public; importing is for administrators."""

from __future__ import annotations

from typing import Any


def can_import_records(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
    )
