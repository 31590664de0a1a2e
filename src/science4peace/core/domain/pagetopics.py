"""What a cached public page depends on, and the one call that says it changed.

A *topic* names data that pages show: ``event:12`` (an event and its programme),
``event-registrations:12``, ``events`` (the list), ``collaborations``, ``papers``, ``people``,
``institutions``, ``catalog``. Each topic has a random *token* in the shared cache
(S4P_CACHE_URL); a cached page records the tokens it was built under and is served only while
all of them are unchanged (``core.interfaces.pagecache``).

``changed(*topics)`` gives each topic a new token at once. With the database cache (the
default) this write is part of the transaction that changes the data, so it becomes visible
with the data, and so do the pages built before the commit under the new token
(``core.interfaces.pagewarm.prebuild``). Any other cache shows the token at once, before the
data: there the topics get a new token again when the transaction commits, so that a page
rendered from the old data while the transaction ran is never taken for the new one.
Listeners (``on_commit_listeners``) then learn which topics changed, after the commit: the
page cache schedules the rebuild of the other pages most asked for through the task queue.

Tokens are random, never counters: a token lost from the cache (evicted, cache cleared) is
replaced by a new one, and no page built under the old one can match it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

PREFIX = "s4p:topic:"

on_commit_listeners: list[Callable[[frozenset[str]], None]] = []


def key(topic: str) -> str:
    return PREFIX + topic


def new_token() -> str:
    return secrets.token_hex(8)


class _Batch:
    """The topics changed in one transaction, published again when it commits."""

    def __init__(self) -> None:
        self.topics: set[str] = set()

    def __call__(self) -> None:
        if not transactional():
            _publish(self.topics)
        _tell(frozenset(self.topics))


def transactional() -> bool:
    """Whether a token written in a transaction becomes visible only when it commits: the
    database cache (a table of the one database) does that, other backends do not."""
    return isinstance(caches["default"], DatabaseCache)


def pending(connection: Any) -> frozenset[str]:
    """The topics changed in ``connection``'s open transaction (those of its savepoints
    rolled back are gone with them)."""
    topics: set[str] = set()
    for _sids, func, _robust in connection.run_on_commit:
        if isinstance(func, _Batch):
            topics |= func.topics
    return frozenset(topics)


def _publish(topics: Iterable[str]) -> None:
    cache.set_many({key(topic): new_token() for topic in topics}, timeout=None)


def _tell(topics: frozenset[str]) -> None:
    for listener in on_commit_listeners:
        listener(topics)


def _batch() -> _Batch | None:
    """The batch of the current atomic block (same savepoints), if it has one."""
    connection = transaction.get_connection()
    current = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if isinstance(func, _Batch) and sids == current:
            return func
    return None


def changed(*topics: str) -> None:
    """The data of ``topics`` changed (or will, when the current transaction commits).

    Each call publishes at once, even for a topic this transaction published already: a page
    read through the same connection in between (tests run in one transaction) saw data that
    has changed again since."""
    _publish(topics)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _tell(frozenset(topics))
        return
    batch = _batch()
    if batch is None:
        batch = _Batch()
        transaction.on_commit(batch)
    batch.topics.update(topics)


def tokens(topics: Iterable[str]) -> tuple[str, ...]:
    """The current token of each topic; a topic without one gets one (``add``: a token that
    another process set meanwhile is kept, never replaced by an older view)."""
    keys = [key(topic) for topic in topics]
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        for k in missing:
            cache.add(k, new_token(), timeout=None)
        found.update(cache.get_many(missing))
    return tuple(str(found.get(k, "")) for k in keys)


def watch(models: Iterable[type[Model]], topic: Callable[[Model], Iterable[str]]) -> None:
    """Call ``changed(*topic(instance))`` whenever an instance of one of ``models`` is saved or
    deleted, or its many-to-many relations change. ``.update()`` and ``bulk_create`` send no
    signal: the domain functions that use them call ``changed`` themselves."""

    models = list(models)

    def saved_or_deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        changed(*topic(instance))

    def related(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
        if action.startswith("post_") and isinstance(instance, tuple(models)):
            changed(*topic(instance))

    for model in models:
        post_save.connect(saved_or_deleted, sender=model, weak=False)
        post_delete.connect(saved_or_deleted, sender=model, weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(related, sender=through, weak=False)
