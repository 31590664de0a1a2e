"""Django's database backends with one addition: work that belongs to a transaction's last
moment runs just before it commits (``BEFORE_COMMIT``).

``S4P_DATABASE_URL`` names Django's backends (``sqlite:``, ``postgres:``); the settings load
these instead (``science4peace.core.db.sqlite3`` and ``.postgresql``), which differ only here.
``core.interfaces.pagewarm`` builds, at that moment, the public pages the transaction changed:
with the database cache (the default) they are written by the same transaction, so they become
visible together with the data, and no visitor waits for a rebuild after a change.

A hook runs with the transaction still open (autocommit off, outside any atomic block): what
it reads sees the transaction's changes, and an ``atomic`` block inside it is a savepoint. A
hook must not fail the commit: it catches its own errors and rolls back to its own savepoints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BEFORE_COMMIT: list[Callable[[Any], None]] = []


class BeforeCommit:
    """Mixed into a backend's ``DatabaseWrapper``."""

    needs_rollback: bool

    def commit(self) -> None:
        if not self.needs_rollback:
            for hook in BEFORE_COMMIT:
                hook(self)
        super().commit()  # type: ignore[misc]
