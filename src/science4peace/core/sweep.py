"""Files in the media storage that nothing refers to any more, and their removal.

A file is written to storage when its upload is saved, before the transaction that stores the
row commits; if that transaction rolls back (a later check fails, the request errors), or the
row is deleted or given another file later, the file stays behind with no row naming it.
``find`` lists them: every file under the folder of a ``FileField`` (the fixed part of its
``upload_to``, e.g. ``spaces/`` for ``spaces/%Y/``) that no row of any model names and that is
older than a grace period, so an upload whose row is being committed right now is never taken.
Folders that apps use as caches of files they can rebuild (``register_cache``: the book of
abstracts' PDFs) lose the files older than their own age limit.

Run by ``s4p manage sweep_uploads`` (a dry run unless ``--delete``), daily from cron or a
timer; see docs/deployment.md. Core names no app: the fields are found through the app
registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.utils import timezone

GRACE = dt.timedelta(days=1)

_caches: dict[str, dt.timedelta] = {}


def register_cache(folder: str, *, keep: dt.timedelta) -> None:
    """Files under ``folder`` are a cache its app rebuilds on demand: a sweep removes those
    older than ``keep``."""
    _caches[folder.rstrip("/") + "/"] = keep


@dataclass(frozen=True)
class Found:
    orphans: list[str]  # uploads that no row names
    stale: list[str]  # cache files past their age


def upload_folders() -> dict[str, list[tuple[type[models.Model], str]]]:
    """Each upload folder with the (model, field name) pairs that store files there."""
    folders: dict[str, list[tuple[type[models.Model], str]]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and isinstance(field.upload_to, str):
                fixed = field.upload_to.split("%", 1)[0]
                folders.setdefault(fixed[: fixed.rfind("/") + 1], []).append((model, field.name))
    return folders


def _named(pairs: list[tuple[type[models.Model], str]]) -> set[str]:
    names: set[str] = set()
    for model, field in pairs:
        rows = model._base_manager.exclude(**{field: ""}).exclude(**{f"{field}__isnull": True})
        names.update(rows.values_list(field, flat=True).iterator(chunk_size=5000))
    return names


def _files(storage: Storage, folder: str) -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder or ".")
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}{name}"
    for directory in directories:
        yield from _files(storage, f"{folder}{directory}/")


def _older(storage: Storage, name: str, cutoff: dt.datetime) -> bool:
    try:
        return storage.get_modified_time(name) < cutoff
    except FileNotFoundError:  # removed meanwhile
        return False


def find(*, grace: dt.timedelta = GRACE, now: dt.datetime | None = None) -> Found:
    """What a sweep would remove now; nothing is changed."""
    now = now or timezone.now()
    storage = default_storage
    folders = upload_folders()
    orphans: list[str] = []
    for folder in sorted(folders):
        if any(other != folder and folder.startswith(other) for other in folders):
            continue  # walked with the folder that holds it
        pairs = [pair for name, more in folders.items() if name.startswith(folder) for pair in more]
        named = _named(pairs)
        orphans += [
            name
            for name in _files(storage, folder)
            if name not in named
            and not name.startswith(tuple(_caches))
            and _older(storage, name, now - grace)
        ]
    stale = [
        name
        for folder, keep in sorted(_caches.items())
        for name in _files(storage, folder)
        if _older(storage, name, now - keep)
    ]
    return Found(sorted(orphans), sorted(stale))


def sweep(*, grace: dt.timedelta = GRACE, now: dt.datetime | None = None) -> Found:
    """Remove what ``find`` lists, and say what that was."""
    found = find(grace=grace, now=now)
    for name in found.orphans + found.stale:
        default_storage.delete(name)
    return found
