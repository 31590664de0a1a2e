"""The catalog's funnel: records are public, but a view still fetches them only here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from science4peace.catalog import rules
from science4peace.catalog.models import Record


def access_record(actor: Any, recid: int, *, to: str = "see") -> Record:
    if to != "see":
        raise PermissionDenied("catalog records can only be seen")
    record = Record.objects.filter(recid=recid).first()
    if record is None:
        raise Http404("no such record")
    return record


def access_import(actor: Any) -> None:
    """Raise PermissionDenied unless the actor may import records (administrators)."""
    if not rules.can_import_records(actor):
        raise PermissionDenied("only administrators import catalog records")
