"""Reads of the catalog. :func:`search_records` is THE search: the page, its htmx fragment
and the API all call it, on PostgreSQL and on SQLite, with the same results in the same order.

Matching uses each database's full-text index over the same stored words (PostgreSQL: GIN
over ``array_to_tsvector``; SQLite: FTS5); phrases are then checked on the stored words.
Relevance is our own score, computed in SQL the same way on both: 10 points when the title
is exactly the query's words, 3 per query term found in the title, 2 per term in the
keywords/experiment/type/categories/run periods, ties broken by the newest record ID first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OrderBy,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate, Concat, StrIndex
from django.db.models.lookups import GreaterThan

from science4peace.catalog.models import Record, RecordFacet, RecordFile, RecordRelation
from science4peace.lib.opendata.query import (
    Query,
    QueryError,
    Term,
    fts5_match,
    needle,
    parse,
    tsquery,
)

ALL = "all"  # a facet row every record has: its count is the number of records matched
FACETS = ("experiment", "type", "year", "energy", "collision", "format", "availability")
SORTS = ("relevance", "date", "title")
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_FILTER_VALUES = 20
MAX_FACET_VALUES = 40
TITLE_POINTS, TAG_POINTS, EXACT_TITLE_POINTS = 3, 2, 10
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


def _fts_sql(terms: Sequence[Term]) -> tuple[str, list[Any]]:
    """Ids (column ``id``) of records holding every word of ``terms`` (phrases: their words,
    in any order)."""
    if connection.vendor == "postgresql":
        return (
            "SELECT id FROM catalog_record WHERE "
            "array_to_tsvector(string_to_array(search_document, ' ')) @@ %s::tsquery",
            [tsquery(tuple(terms))],
        )
    return (
        "SELECT rowid AS id FROM catalog_record_fts WHERE catalog_record_fts MATCH %s",
        [fts5_match(tuple(terms))],
    )


ESTIMATE_CAP = 5000


@dataclass(frozen=True)
class _Source:
    """One restriction of a search: it can produce ids (drive) or test one id (probe)."""

    driver: str
    probe: str  # with {id} where the id to test goes
    params: tuple[Any, ...]


def _sources(query: Query, filters: Mapping[str, tuple[str, ...]]) -> list[_Source]:
    found = []
    if query.include:
        driver, params = _fts_sql(query.include)
        if connection.vendor == "postgresql":
            probe = (
                "SELECT 1 FROM catalog_record r WHERE r.id = {id} AND "
                "array_to_tsvector(string_to_array(r.search_document, ' ')) @@ %s::tsquery"
            )
        else:
            probe = (
                "SELECT 1 FROM catalog_record_fts WHERE catalog_record_fts MATCH %s "
                "AND rowid = {id}"
            )
        found.append(_Source(driver, probe, tuple(params)))
    for name, values in filters.items():
        # only placeholders are put into the text; the values go as parameters
        marks = ", ".join(["%s"] * len(values))
        where = f"facet = %s AND value IN ({marks})"
        found.append(
            _Source(
                f"SELECT record_id AS id FROM catalog_recordfacet WHERE {where}",  # noqa: S608
                "SELECT 1 FROM catalog_recordfacet WHERE record_id = {id} AND " + where,  # noqa: S608
                (name, *values),
            )
        )
    return found


def _smallest(sources: list[_Source]) -> int:
    """The source with the fewest ids (counted up to ESTIMATE_CAP; first on a tie): it
    drives, the others probe each of its ids. One statement."""
    if len(sources) < 2:
        return 0
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM ({s.driver} LIMIT {ESTIMATE_CAP}) c{i})"  # noqa: S608
        for i, s in enumerate(sources)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}", [p for s in sources for p in s.params])
        sizes = cursor.fetchone()
    return min(range(len(sources)), key=lambda i: (sizes[i], i))


def _matching_ids(
    query: Query, filters: Mapping[str, tuple[str, ...]]
) -> tuple[str, list[Any]] | None:
    """One SQL statement giving the ids that match the words and facets from the indexes
    alone, no record row read: the smallest restriction drives, each other one is an index
    probe per id; ``None`` when nothing restricts the records."""
    sources = _sources(query, filters)
    if sources:
        first = _smallest(sources)
        driver, params = sources[first].driver, list(sources[first].params)
        others = [s for i, s in enumerate(sources) if i != first]
    elif any(not t.is_phrase for t in query.exclude):
        driver, params, others = "SELECT id FROM catalog_record", [], []
    else:
        return None
    conditions = []
    for source in others:
        conditions.append("EXISTS (" + source.probe.format(id="d.id") + ")")
        params += source.params
    for term in query.exclude:
        if not term.is_phrase:
            excluded, more = _fts_sql([term])
            conditions.append(f"d.id NOT IN ({excluded})")
            params += more
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT d.id FROM ({driver}) d{where}", params  # noqa: S608  (our SQL only)


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
    for term in query.include:
        if term.is_phrase:
            records = records.filter(_contains(_padded_document(), term))
    for term in query.exclude:
        if term.is_phrase:
            records = records.exclude(_contains(_padded_document(), term))
    return records


def _has_phrases(query: Query) -> bool:
    return any(t.is_phrase for t in (*query.include, *query.exclude))


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


def facet_counts(
    records: QuerySet[Record],
    filters: Mapping[str, tuple[str, ...]],
    ids: tuple[str, list[Any]] | None = None,
) -> tuple[int, dict[str, list[FacetValue]]]:
    """The number of records and the counts per facet value, in one statement over the
    facet index (every record has the facet row ``all``). Counted over the id statement
    ``ids`` when it alone defines the records, else over ``records``."""
    counted = RecordFacet.objects.all()
    if ids is not None:
        counted = counted.filter(record_id__in=RawSQL(*ids))  # noqa: S611  (our SQL)
    elif records.query.where:
        counted = counted.filter(record_id__in=records.values("id"))
    rows = counted.values_list("facet", "value").annotate(n=Count("id")).order_by()
    total = 0
    found: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for name, value, n in rows:
        if name == ALL:
            total = n
        elif name in found:
            found[name].append(FacetValue(value, n, value in filters.get(name, ())))
    for name, values in found.items():
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.value))
        selected = [v for v in values if v.selected]
        shown = values[:MAX_FACET_VALUES]
        found[name] = shown + [v for v in selected if v not in shown]
    return total, found


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
    facets from the indexes, then the page's records, plus one statement choosing the
    most selective restriction when there are several."""
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
    ids = _matching_ids(query, chosen)
    matched = matching_records(query, chosen, ids)
    facets: dict[str, list[FacetValue]] = {}
    if with_facets:
        total, facets = facet_counts(matched, chosen, None if _has_phrases(query) else ids)
    else:
        total = matched.count()
    rows = matched.only(*LIST_FIELDS)
    if query.include and sort == "relevance":
        rows = rows.alias(score=_score(query))
    start = (page - 1) * per_page
    records = (
        list(rows.order_by(*_ordering(sort, query))[start : start + per_page]) if total else []
    )
    return SearchResult(
        query=query,
        q=q,
        sort=sort,
        page=page,
        per_page=per_page,
        total=total,
        records=records,
        facets=facets if total else {},
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
