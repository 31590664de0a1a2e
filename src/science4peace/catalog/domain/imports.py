"""Importing CERN Open Data records: upsert by recid, earlier versions kept, one transaction
per file, and a report that names every record taken, changed, kept or refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from science4peace.catalog import rules
from science4peace.catalog.domain.queries import forget_search_counts
from science4peace.catalog.models import (
    Record,
    RecordFacet,
    RecordFile,
    RecordRelation,
    RecordSearch,
    RecordVersion,
)
from science4peace.core import audit
from science4peace.core.domain import pagetopics
from science4peace.lib.opendata import tokens
from science4peace.lib.opendata.records import (
    ERROR,
    MAX_FILE_BYTES,
    WARNING,
    OpenRecord,
    Problem,
    read_source,
)

CHUNK = 500
FIELDS = [
    "title",
    "title_additional",
    "abstract",
    "type_primary",
    "type_secondary",
    "experiment",
    "experiments",
    "collaboration",
    "accelerator",
    "run_periods",
    "collision_energy",
    "collision_type",
    "year",
    "date_created",
    "date_published",
    "published_year",
    "doi",
    "license",
    "size",
    "number_events",
    "number_files",
    "formats",
    "availability",
    "keywords",
    "category_primary",
    "categories_secondary",
    "release",
    "global_tag",
    "container_images",
    "published",
    "digest",
    "title_sort",
    "search_title",
    "search_tags",
    "search_document",
    "search_facets",
]


@dataclass
class FileOutcome:
    source: str
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def taken(self) -> list[int]:
        return sorted(self.created + self.updated + self.unchanged)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, name: str) -> int:
        return sum(len(getattr(f, name)) for f in self.files)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems] + self.warnings

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def summary(self) -> str:
        return (
            f"{len(self.files)} file(s): {self.count('created')} record(s) new, "
            f"{self.count('updated')} changed, {self.count('unchanged')} unchanged, "
            f"{len(self.errors)} refused, "
            f"{sum(p.severity == WARNING for p in self.problems)} warning(s)"
        )


def _values(parsed: OpenRecord) -> dict[str, Any]:
    return {
        "title": parsed.title,
        "title_additional": parsed.title_additional,
        "abstract": parsed.abstract,
        "type_primary": parsed.type_primary[:100],
        "type_secondary": parsed.type_secondary,
        "experiment": parsed.experiment[:100],
        "experiments": parsed.experiments,
        "collaboration": parsed.collaboration[:300],
        "accelerator": parsed.accelerator[:100],
        "run_periods": parsed.run_periods,
        "collision_energy": parsed.collision_energy[:50],
        "collision_type": parsed.collision_type[:50],
        "year": parsed.year,
        "date_created": parsed.date_created,
        "date_published": parsed.date_published[:32],
        "published_year": parsed.published_year,
        "doi": parsed.doi[:200],
        "license": parsed.license[:200],
        "size": parsed.size,
        "number_events": parsed.number_events,
        "number_files": parsed.number_files,
        "formats": parsed.formats,
        "availability": parsed.availability[:50],
        "keywords": parsed.keywords,
        "category_primary": parsed.category_primary[:200],
        "categories_secondary": parsed.categories_secondary,
        "release": parsed.release[:200],
        "global_tag": parsed.global_tag[:200],
        "container_images": parsed.container_images,
        "published": parsed.published,
        "digest": parsed.digest,
        "title_sort": tokens.sort_key(parsed.title),
        # padded with spaces, so that " word " finds whole words in the ranking
        "search_title": f" {parsed.search_title()} ",
        "search_tags": f" {parsed.search_tags()} ",
        "search_document": parsed.search_document(),
        "search_facets": tokens.facet_document(parsed.facets()),
    }


def _search_row(record_id: int, parsed: OpenRecord, values: dict[str, Any]) -> RecordSearch:
    return RecordSearch(
        record_id=record_id,
        recid=parsed.recid,
        year=values["year"],
        title_sort=values["title_sort"],
        search_title=values["search_title"],
        search_tags=values["search_tags"],
        facets=values["search_facets"],
    )


def _children(record_id: int, parsed: OpenRecord) -> tuple[list[Any], list[Any], list[Any]]:
    files = [
        RecordFile(
            record_id=record_id,
            position=i,
            uri=f.uri,
            size=f.size,
            checksum=f.checksum[:200],
            kind=f.kind[:100],
            description=f.description,
        )
        for i, f in enumerate(parsed.files)
    ]
    relations = [
        RecordRelation(
            record_id=record_id,
            position=i,
            kind=r.kind[:100],
            target_recid=r.recid if r.recid and r.recid <= 2_147_483_647 else None,
            title=r.title,
            doi=r.doi[:200],
            description=r.description,
        )
        for i, r in enumerate(parsed.relations)
    ]
    facets = [
        RecordFacet(record_id=record_id, facet=facet, value=value)
        for facet, value in sorted(parsed.facets())
    ]
    return files, relations, facets


def _store(records: Sequence[OpenRecord], outcome: FileOutcome, now: dt.datetime) -> None:
    by_recid = {r.recid: r for r in records}
    existing = {
        row["recid"]: row
        for row in Record.objects.filter(recid__in=list(by_recid)).values(
            "id", "recid", "digest", "version", "published"
        )
    }
    fresh = [r for r in records if r.recid not in existing]
    changed = [
        r for r in records if r.recid in existing and existing[r.recid]["digest"] != r.digest
    ]
    outcome.unchanged.extend(
        r.recid for r in records if r.recid in existing and existing[r.recid]["digest"] == r.digest
    )
    values = {r.recid: _values(r) for r in [*fresh, *changed]}
    created = Record.objects.bulk_create(
        [Record(recid=r.recid, last_changed=now, **values[r.recid]) for r in fresh],
        batch_size=CHUNK,
    )
    ids = {row.recid: row.pk for row in created}
    outcome.created.extend(r.recid for r in fresh)
    if changed:
        old_ids = [existing[r.recid]["id"] for r in changed]
        RecordVersion.objects.bulk_create(
            [
                RecordVersion(
                    record_id=existing[r.recid]["id"],
                    version=existing[r.recid]["version"],
                    published=existing[r.recid]["published"],
                    digest=existing[r.recid]["digest"],
                    replaced=now,
                )
                for r in changed
            ]
        )
        updates = []
        for r in changed:
            row = Record(
                pk=existing[r.recid]["id"],
                recid=r.recid,
                version=existing[r.recid]["version"] + 1,
                last_changed=now,
                **values[r.recid],
            )
            updates.append(row)
            ids[r.recid] = row.pk
        Record.objects.bulk_update(updates, [*FIELDS, "version", "last_changed"], batch_size=CHUNK)
        for model in (RecordFile, RecordRelation, RecordFacet, RecordSearch):
            model.objects.filter(record_id__in=old_ids).delete()
        outcome.updated.extend(r.recid for r in changed)
    files: list[Any] = []
    relations: list[Any] = []
    facets: list[Any] = []
    searched: list[RecordSearch] = []
    for r in [*fresh, *changed]:
        f, rel, fac = _children(ids[r.recid], r)
        files += f
        relations += rel
        facets += fac
        searched.append(_search_row(ids[r.recid], r, values[r.recid]))
    RecordSearch.objects.bulk_create(searched, batch_size=CHUNK)
    RecordFile.objects.bulk_create(files, batch_size=2000)
    RecordRelation.objects.bulk_create(relations, batch_size=2000)
    RecordFacet.objects.bulk_create(facets, batch_size=2000)
    pagetopics.changed("catalog")  # bulk writes send no signal


def _deduplicate(records: list[OpenRecord], source: str) -> tuple[list[OpenRecord], list[Problem]]:
    kept: dict[int, OpenRecord] = {}
    problems = []
    for r in records:
        if r.recid in kept:
            problems.append(
                Problem(
                    source,
                    WARNING,
                    "the recid appears more than once in the file; the later record is kept",
                    str(r.recid),
                    field="recid",
                )
            )
        kept[r.recid] = r
    return list(kept.values()), problems


def import_source(source: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> FileOutcome:
    """One file in one transaction: its valid records are all stored, or (on a database
    error) none, and the outcome says which."""
    read = read_source(source, data, max_bytes=max_bytes)
    outcome = FileOutcome(source, problems=list(read.problems))
    records, duplicates = _deduplicate(read.records, source)
    outcome.problems.extend(duplicates)
    with transaction.atomic():
        _store(records, outcome, timezone.now())
        if outcome.created or outcome.updated:
            # counts cached for the old records must not be served again: now, and once
            # more after the commit (a search in between may have cached what it saw)
            forget_search_counts()
            transaction.on_commit(forget_search_counts)
    return outcome


class _Statistics:
    """PostgreSQL: the planner's row estimate of the record table, refreshed while an import
    grows the table.

    Every row written to the file, relation, facet and search tables is checked against
    ``catalog_record`` at the commit (the foreign keys are deferred). The server plans that
    check once per connection, from the table's statistics at that moment, and keeps the plan:
    planned on an empty or nearly empty table (a first import), it is a sequential scan of the
    whole record table for each of some 150,000 rows of the portal's files, which was 28 s of
    the server's 37 s for the 8,048 records. ``ANALYZE`` of one column updates the table's
    size estimate (the same as autovacuum would, a minute later) and makes the server plan the
    check again, with the index. Done whenever the table has doubled since the estimate, so a
    few times in a first import and never in a re-import of a filled catalog."""

    MINIMUM = 64

    def __init__(self) -> None:
        self.active = connection.vendor == "postgresql"
        self.estimate = 0.0
        self.added = 0
        if self.active:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                    [Record._meta.db_table],
                )
                row = cursor.fetchone()
            self.estimate = max(float(row[0]) if row else 0.0, 0.0)

    def grew(self, created: int) -> None:
        if not self.active or not created:
            return
        self.added += created
        if self.added < max(self.estimate, self.MINIMUM):
            return
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE "{Record._meta.db_table}" ("id")')
        self.estimate += self.added
        self.added = 0


def _dangling_relations(recids: Iterable[int], source_of: dict[int, str]) -> list[Problem]:
    rows = list(
        RecordRelation.objects.filter(record__recid__in=list(recids), target_recid__isnull=False)
        .exclude(target_recid__in=Record.objects.values("recid"))
        .values_list("record__recid", "kind", "target_recid")
        .order_by("record__recid", "position")
    )
    return [
        Problem(
            source_of.get(recid, ""),
            WARNING,
            f"{kind or 'relation'} to recid {target}, which is not imported yet",
            str(recid),
            field="relations",
        )
        for recid, kind, target in rows
    ]


def do_import_records(
    *,
    sources: Iterable[tuple[str, bytes]],
    actor: Any,
    progress: Callable[[FileOutcome], None] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    check_actor: bool = True,
) -> ImportReport:
    """Import files of records. ``check_actor=False`` is for the command line, whose user
    is whoever runs it on the server."""
    if check_actor and not rules.can_import_records(actor):
        raise PermissionDenied("only administrators import catalog records")
    report = ImportReport()
    source_of: dict[int, str] = {}
    statistics = _Statistics()
    for source, data in sources:
        outcome = import_source(source, data, max_bytes=max_bytes)
        report.files.append(outcome)
        statistics.grew(len(outcome.created))
        for recid in outcome.created + outcome.updated:
            source_of[recid] = source
        if progress is not None:
            progress(outcome)
    touched = sorted(source_of)
    for start in range(0, len(touched), CHUNK):
        chunk = touched[start : start + CHUNK]
        report.warnings.extend(_dangling_relations(chunk, source_of))
    if check_actor and (report.count("created") or report.count("updated")):
        with transaction.atomic():
            audit.record(
                actor=actor,
                action="catalog.import",
                obj=Record.objects.get(recid=touched[0]),
                after={
                    "files": [f.source for f in report.files],
                    "created": report.count("created"),
                    "updated": report.count("updated"),
                },
            )
    return report
