"""Reads of the catalog. :func:`search_records` is THE search: the page, its htmx fragment
and the API all call it, on PostgreSQL and on SQLite, with the same results in the same order.

Matching is ONE lookup in each database's full-text index, which holds the record's words and
its facet values as words (``lib/opendata/tokens.facet_document``): PostgreSQL, the
``tsvector`` column ``search_words`` of the narrow ``RecordSearch`` rows (the words and the
marked facet words, one GIN index, one ``tsquery`` for a search with words) and the record's
``facet_vector`` (the facet words alone, for a search without words); SQLite, the FTS5 table's
columns ``search_document`` and ``search_facets``. Phrases are then checked on the stored
words. Ranking, sorting and facet counting read the narrow ``RecordSearch`` rows of the
matches; the wide record rows are read for the page shown only.

The number of matches and the facet counts are kept in the shared cache per catalog version
(a token that every import and every change of a record replaces), so paging, the htmx
fragment and the API, and the same search by someone else, count once.

Relevance is our own score, computed in SQL the same way on both: 10 points when the title
is exactly the query's words, 3 per query term found in the title, 2 per term in the
keywords/experiment/type/categories/run periods, ties broken by the newest record ID first.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OrderBy,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate, Concat, StrIndex
from django.db.models.lookups import GreaterThan

from science4peace.catalog.models import Record, RecordFile, RecordRelation, RecordSearch
from science4peace.lib.opendata.query import (
    Query,
    QueryError,
    Term,
    fts5_match,
    needle,
    parse,
    tsquery,
)
from science4peace.lib.opendata.tokens import facet_of_token, facet_token

FACETS = ("experiment", "type", "year", "energy", "collision", "format", "availability")
SORTS = ("relevance", "date", "title")
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_FILTER_VALUES = 20
MAX_FACET_VALUES = 40
TITLE_POINTS, TAG_POINTS, EXACT_TITLE_POINTS = 3, 2, 10
# above this many matches, a search without words walks the sort order's index and tests
# each row's facet words until the page is full, instead of sorting every match
WALK_FROM = 2000
# PostgreSQL: the mark before a facet word in the ``search_words`` vector (migrations catalog
# 0010 and 0011), so that a query's word (``fe...``, even a prefix ``fe:*``) never matches a
# facet word
FACET_WORD_MARK = "#"
# PostgreSQL, a search without words: above this many matches, the page is ranked from the
# narrow search rows (a scan of all of them) rather than from the record rows of the match
# (up to the table's 22,000 pages at 100,000 records); benchmarks/README.md. A search with
# words always reads the narrow rows (they hold its vector).
NARROW_FROM = 20_000
COUNTS_TIMEOUT = 15 * 60  # seconds; a change of the catalog replaces the version sooner
VERSION_KEY = "catalog:version"
LIST_FIELDS = (
    "id",
    "recid",
    "title",
    "abstract",
    "type_primary",
    "type_secondary",
    "experiment",
    "experiments",
    "year",
    "collision_energy",
    "collision_type",
    "doi",
    "first_imported",
    "date_published",
)


class SearchError(ValueError):
    """The search cannot be run as asked; the message says why (shown as a 400)."""


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    query: Query
    q: str
    sort: str
    page: int
    per_page: int
    total: int
    records: list[Record]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def catalog_version() -> str:
    """The catalog's current version: a token replaced by every change of the records."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY) or "unversioned"
    return str(version)


def forget_search_counts(**_signal: Any) -> None:
    """A new catalog version: counts cached for the earlier one are not read again (they
    expire). Called by the import and on every saved or deleted record."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _facet_groups(filters: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """The facet words to match: any word of a group, every group."""
    return [[facet_token(name, v) for v in values] for name, values in filters.items()]


def _quoted(words: Sequence[str], joiner: str) -> str:
    return f" {joiner} ".join(f'"{w}"' for w in words)


def _postgres_condition(
    query: Query, filters: Mapping[str, tuple[str, ...]]
) -> tuple[str, list[Any]] | None:
    """PostgreSQL: the condition that the query's words (phrases: their words), none of its
    excluded words and a value of every filtered facet hold; ``None`` when nothing restricts
    the records. With words, a condition on a ``catalog_recordsearch`` row; without, on a
    ``catalog_record`` row.

    With words: ONE ``tsquery`` on the GIN-indexed ``search_words`` column of the narrow
    search rows, which holds the words and the facet words (the latter behind
    ``FACET_WORD_MARK``, which no word has), so that GIN's own AND steps through the posting
    lists of a common word and a broad facet together, where two indexes' bitmaps were each
    built in full and intersected, and the matches are then read from narrow rows
    (benchmarks/README.md). Without words: the facets on the record's small ``facet_vector``
    column (its own GIN index; a broad facet is read by a scan of every row, which would
    otherwise read each row's whole vector of words)."""

    def facets(mark: str) -> list[str]:
        return [
            "(" + " | ".join(f"'{mark}{w}'" for w in group) + ")"
            for group in _facet_groups(filters)
        ]

    unwanted = [tsquery((t,)) for t in query.exclude if not t.is_phrase]
    conditions, params = [], []
    if query.include:
        conditions.append("search_words @@ %s::tsquery")
        wanted = [tsquery(query.include), *facets(FACET_WORD_MARK)]
        params.append(" & ".join(wanted + [f"!({u})" for u in unwanted]))
    else:
        if filters:
            conditions.append("facet_vector @@ %s::tsquery")
            params.append(" & ".join(facets("")))
        if unwanted:
            conditions.append(
                "id NOT IN (SELECT record_id FROM catalog_recordsearch "
                "WHERE search_words @@ %s::tsquery)"
            )
            params.append(" | ".join(f"({u})" for u in unwanted))
    if not conditions:
        return None
    return " AND ".join(conditions), params


def _matching_ids(
    query: Query, filters: Mapping[str, tuple[str, ...]]
) -> tuple[str, list[Any]] | None:
    """One SQL statement giving the ids of the records that hold the query's words (phrases:
    their words) and none of its excluded words, and a value of every filtered facet, from
    the full-text index alone; ``None`` when nothing restricts the records."""
    groups = _facet_groups(filters)
    excluded = [t for t in query.exclude if not t.is_phrase]
    if connection.vendor == "postgresql":
        condition = _postgres_condition(query, filters)
        if condition is None:
            return None
        if query.include:
            return _matching_ids_of(condition)
        return (f"SELECT id FROM catalog_record WHERE {condition[0]}", condition[1])  # noqa: S608
    parts = []
    if query.include:
        parts.append(f"search_document : ({fts5_match(query.include)})")
    parts += [f"search_facets : ({_quoted(g, 'OR')})" for g in groups]
    unwanted = " OR ".join(f"({fts5_match((t,))})" for t in excluded)
    if parts:
        expression = " AND ".join(parts)
        if unwanted:
            expression = f"({expression}) NOT search_document : ({unwanted})"
        return (
            "SELECT rowid AS id FROM catalog_record_fts WHERE catalog_record_fts MATCH %s",
            [expression],
        )
    if unwanted:
        return (
            "SELECT id FROM catalog_record WHERE id NOT IN (SELECT rowid FROM catalog_record_fts "
            "WHERE catalog_record_fts MATCH %s)",
            [f"search_document : ({unwanted})"],
        )
    return None


def _matching_ids_of(condition: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    """PostgreSQL: the record ids of the search rows that a condition with words holds."""
    return (f"SELECT record_id FROM catalog_recordsearch WHERE {condition[0]}", condition[1])  # noqa: S608


def _contains(column: Any, term: Term) -> GreaterThan[Any]:
    return GreaterThan(StrIndex(column, Value(needle(term))), 0)


def _padded_document() -> Concat:
    return Concat(Value(" "), F("search_document"), Value(" "), output_field=TextField())


def _check_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    clean: dict[str, tuple[str, ...]] = {}
    for name, values in filters.items():
        if name not in FACETS:
            raise SearchError(f"unknown facet {name!r}; facets are: {', '.join(FACETS)}")
        chosen = tuple(dict.fromkeys(v for v in values if v))
        if len(chosen) > MAX_FILTER_VALUES:
            raise SearchError(f"at most {MAX_FILTER_VALUES} values per facet")
        for value in chosen:
            if "\x00" in value or len(value) > 200:
                raise SearchError(f"facet {name}: not a possible value")
        if chosen:
            clean[name] = chosen
    return clean


def _has_phrases(query: Query) -> bool:
    return any(t.is_phrase for t in (*query.include, *query.exclude))


def _with_phrases(records: QuerySet[Record], query: Query) -> QuerySet[Record]:
    """The records whose words hold the query's phrases in order (and none of its excluded
    phrases), checked on the stored words."""
    for term in query.include:
        if term.is_phrase:
            records = records.filter(_contains(_padded_document(), term))
    for term in query.exclude:
        if term.is_phrase:
            records = records.exclude(_contains(_padded_document(), term))
    return records


def matching_records(
    query: Query,
    filters: Mapping[str, tuple[str, ...]],
    ids: tuple[str, list[Any]] | None = None,
) -> QuerySet[Record]:
    """Records matching the parsed query and the facet filters (any value within a facet,
    every facet), unordered; ``ids`` is ``_matching_ids(query, filters)`` if known."""
    records = Record.objects.all()
    if ids is None:
        ids = _matching_ids(query, filters)
    if ids is not None:
        records = records.filter(id__in=RawSQL(*ids))  # noqa: S611  (our SQL, values as parameters)
    return _with_phrases(records, query)


@dataclass(frozen=True)
class _Rows:
    """What ranking, sorting and counting read for the matches: the rows, and the names of
    their record id and facet words columns."""

    rows: QuerySet[Any]
    id: str
    facets: str


def _matching_rows(
    query: Query, filters: Mapping[str, tuple[str, ...]], *, narrow: bool = False
) -> _Rows:
    """The rows of the matching records that ranking, sorting and counting read.

    PostgreSQL: the rows that hold the GIN-indexed ``tsvector`` column of the condition,
    filtered in the same scan: with words, the narrow search rows; without, the record rows
    (filtered by their facet vector). The bitmap heap scan of the match visits those rows
    anyway (GIN has no index-only scan), so reading their own columns costs nothing more,
    where a join to other rows cost a second lookup per match (or a scan of all 100,000
    rows); with phrases, the record rows of the matching ids (the phrases are checked on the
    record's words). SQLite (and PostgreSQL without words when ``narrow``): the narrow search
    rows of the matching ids (the FTS5 index gives rowids without reading the table)."""
    if connection.vendor == "postgresql" and query.include:
        condition = _postgres_condition(query, filters)
        assert condition is not None  # a query with words restricts
        if _has_phrases(query):
            # the phrases are checked on the record's words: the record rows of the matches
            found = _matching_ids_of(condition)
            records = Record.objects.order_by().filter(id__in=RawSQL(*found))  # noqa: S611
            return _Rows(_with_phrases(records, query), "id", "search_facets")
        rows = RecordSearch.objects.order_by()
        rows = rows.filter(RawSQL(*condition, output_field=BooleanField()))  # noqa: S611
        return _Rows(rows, "record_id", "facets")
    if connection.vendor == "postgresql" and not narrow and not query.include:
        condition = _postgres_condition(query, filters)
        if condition is None and not _has_phrases(query):
            # every record: the narrow rows are the fewer pages to read
            return _Rows(RecordSearch.objects.order_by(), "record_id", "facets")
        records = Record.objects.order_by()
        if condition is not None:
            records = records.filter(RawSQL(*condition, output_field=BooleanField()))  # noqa: S611
        return _Rows(_with_phrases(records, query), "id", "search_facets")
    ids = _matching_ids(query, filters)
    rows = RecordSearch.objects.order_by()
    if _has_phrases(query):
        rows = rows.filter(record_id__in=matching_records(query, filters, ids).values("id"))
    elif ids is not None:
        rows = rows.filter(record_id__in=RawSQL(*ids))  # noqa: S611  (our SQL, values as parameters)
    return _Rows(rows, "record_id", "facets")


def _score(query: Query) -> Any:
    every_word = " ".join(w for term in query.include for w in term.words)
    points: Any = Case(
        When(title_sort=every_word[:200], then=Value(EXACT_TITLE_POINTS)),
        default=Value(0),
        output_field=IntegerField(),
    )
    for term in query.include:
        points = (
            points
            + Case(
                When(_contains(F("search_title"), term), then=Value(TITLE_POINTS)),
                default=Value(0),
                output_field=IntegerField(),
            )
            + Case(
                When(_contains(F("search_tags"), term), then=Value(TAG_POINTS)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    return points


def _ordering(sort: str, query: Query) -> list[Any]:
    if sort == "title":
        key: Any = F("title_sort")
        if connection.vendor == "postgresql":
            key = Collate(key, "C")
        return [OrderBy(key), F("recid").asc()]
    if sort == "date":
        return [F("year").desc(nulls_last=True), F("recid").desc()]
    if query.include:
        return [F("score").desc(), F("recid").desc()]
    return [F("recid").desc()]


def _counts_key(query: Query, filters: Mapping[str, tuple[str, ...]]) -> str:
    """What the counts depend on: the catalog's version, the query's terms and the filters
    (the order of values within a facet does not matter)."""
    what = repr((query.include, query.exclude, sorted((k, sorted(v)) for k, v in filters.items())))
    digest = hashlib.blake2b(what.encode(), digest_size=16).hexdigest()
    return f"catalog:counts:{catalog_version()}:{digest}"


def _count(matches: _Rows) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of rows and the records per facet value, read from the rows' facet words
    (one statement). Many records share the same facet words, so each distinct string is
    split once: PostgreSQL groups them (a few hundred strings come back instead of one per
    match); SQLite's rows are read as plain strings and grouped here."""
    if connection.vendor == "postgresql":
        grouped = matches.rows.values(matches.facets).annotate(n=Count("pk")).order_by()
        kinds = Counter(dict(grouped.values_list(matches.facets, "n")))
    else:
        kinds = Counter(matches.rows.values_list(matches.facets, flat=True))
    tokens: Counter[str] = Counter()
    for words, n in kinds.items():
        for token in words.split():
            tokens[token] += n
    counted: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for token, n in tokens.items():
        found = facet_of_token(token)
        if found is not None and found[0] in counted:
            counted[found[0]][found[1]] = n
    return sum(kinds.values()), counted


def _facet_values(
    counted: Mapping[str, Mapping[str, int]], filters: Mapping[str, tuple[str, ...]]
) -> dict[str, list[FacetValue]]:
    found: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        chosen = filters.get(name, ())
        values = [FacetValue(v, n, v in chosen) for v, n in counted.get(name, {}).items()]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.value))
        selected = [v for v in values if v.selected]
        shown = values[:MAX_FACET_VALUES]
        found[name] = shown + [v for v in selected if v not in shown]
    return found


def search_counts(
    query: Query, filters: Mapping[str, tuple[str, ...]]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of matches and the records per facet value: from the shared cache for
    this catalog version, else counted (and kept)."""
    key = _counts_key(query, filters)
    kept = cache.get(key)
    if kept is None:
        kept = _count(_matching_rows(query, filters))
        cache.set(key, kept, timeout=COUNTS_TIMEOUT)
    total, counted = kept
    return total, counted


def _page_ids(
    query: Query, filters: Mapping[str, tuple[str, ...]], sort: str, total: int, window: slice
) -> list[int]:
    """The record ids of one page, in order, from the narrow rows."""
    if query.empty and total > WALK_FROM:
        # many matches and no words: walk the sort order and test each row's facet words
        # (a dense match fills the page after a few rows)
        rows: QuerySet[Any] = RecordSearch.objects.order_by()
        for group in _facet_groups(filters):
            rows = rows.filter(reduce(or_, [Q(facets__contains=f" {w} ") for w in group]))
        id_column = "record_id"
    else:
        matches = _matching_rows(query, filters, narrow=total > NARROW_FROM)
        rows, id_column = matches.rows, matches.id
    if query.include and sort == "relevance":
        rows = rows.alias(score=_score(query))
    ordered = rows.order_by(*_ordering(sort, query)).values_list(id_column, flat=True)
    return list(ordered[window])


def search_records(
    *,
    q: str = "",
    filters: Mapping[str, Sequence[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> SearchResult:
    """One page of records for a query and facet filters, with facet counts: the count and
    facets (cached per catalog version, else one statement), the page's ids from the narrow
    search rows, then the page's records."""
    try:
        query = parse(q)
    except QueryError as exc:
        raise SearchError(str(exc)) from exc
    if sort not in SORTS:
        raise SearchError(f"unknown sort {sort!r}; sorts are: {', '.join(SORTS)}")
    if not 1 <= page <= MAX_PAGE:
        raise SearchError(f"the page must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise SearchError(f"per page must be between 1 and {MAX_PER_PAGE}")
    chosen = _check_filters(filters or {})
    total, counted = search_counts(query, chosen)
    start = (page - 1) * per_page
    records: list[Record] = []
    if start < total:
        ids = _page_ids(query, chosen, sort, total, slice(start, start + per_page))
        by_id = Record.objects.only(*LIST_FIELDS).order_by().in_bulk(ids)
        records = [by_id[i] for i in ids if i in by_id]
    return SearchResult(
        query=query,
        q=q,
        sort=sort,
        page=page,
        per_page=per_page,
        total=total,
        records=records,
        facets=_facet_values(counted, chosen) if total and with_facets else {},
        filters=chosen,
    )


def new_records(limit: int = 50) -> list[Record]:
    """The most recently imported records, newest first (the Atom feed)."""
    return list(Record.objects.only(*LIST_FIELDS).order_by("-first_imported", "-recid")[:limit])


@dataclass
class RecordDetail:
    record: Record
    files: list[RecordFile]
    file_count: int
    relations: list[tuple[RecordRelation, Record | None]]
    related_from: list[tuple[RecordRelation, Record]]
    images: list[dict[str, Any]]
    used_by: list[Any]


MAX_FILES_SHOWN = 100

# Other apps (projects) add a function ``record -> list of things that use it`` here, from
# their AppConfig.ready(); the record page lists what they return. The catalog imports none
# of them.
RECORD_USERS: list[Callable[[Record], list[Any]]] = []


def register_record_users(provider: Callable[[Record], list[Any]]) -> None:
    if provider not in RECORD_USERS:
        RECORD_USERS.append(provider)


def record_detail(record: Record) -> RecordDetail:
    files = list(record.files.all()[:MAX_FILES_SHOWN])
    file_count = len(files) if len(files) < MAX_FILES_SHOWN else record.files.count()
    relations = list(record.relations.all())
    targets = {r.target_recid for r in relations if r.target_recid}
    image_recids = {
        int(i["recid"]) for i in record.container_images if str(i.get("recid", "")).isdigit()
    }
    known = {
        r.recid: r
        for r in Record.objects.filter(recid__in=targets | image_recids).only(
            "id", "recid", "title", "experiment", "type_primary"
        )
    }
    related_from = [
        (rel, rel.record)
        for rel in RecordRelation.objects.filter(target_recid=record.recid)
        .select_related("record")
        .only("kind", "record__recid", "record__title")
        .order_by("record__recid", "position")[:MAX_FILES_SHOWN]
    ]
    images = [
        {**image, "record": known.get(int(image["recid"]))}
        if str(image.get("recid", "")).isdigit()
        else dict(image)
        for image in record.container_images
    ]
    used_by = [item for provider in RECORD_USERS for item in provider(record)]
    return RecordDetail(
        record=record,
        files=files,
        file_count=file_count,
        relations=[(r, known.get(r.target_recid or 0)) for r in relations],
        related_from=related_from,
        images=images,
        used_by=used_by,
    )


def experiment_type_counts() -> dict[tuple[str, str], int]:
    """Records per (first experiment, primary type): what an import is checked against."""
    rows = (
        Record.objects.values_list("experiment", "type_primary").annotate(n=Count("id")).order_by()
    )
    return {(e, t): n for e, t, n in rows}
