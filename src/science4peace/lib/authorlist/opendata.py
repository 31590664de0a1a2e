"""Which JSON documents are CERN Open Data author lists, and what the others are.

An author list is a portal record whose ``type.secondary`` includes ``Authors`` (the CMS,
LHCb and DELPHI lists); a file may hold it alone or in an array of records. Anything else —
``{}``, ``[]``, ``[1]``, a dataset or software record that happens to have ``authors`` — is
refused with a message naming what was found instead."""

from __future__ import annotations

from typing import Any

from .model import AuthorListError

AUTHORS_TYPE = "Authors"
_NOT_A_LIST = "not an author list"


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), "null")


def _record_type(record: dict[str, Any]) -> tuple[str, list[str]]:
    kind = record.get("type")
    if not isinstance(kind, dict):
        return "", []
    secondary = kind.get("secondary")
    secondary = [secondary] if isinstance(secondary, str) else secondary
    if not isinstance(secondary, list):
        secondary = []
    return str(kind.get("primary") or ""), [str(s) for s in secondary]


def _describe(record: dict[str, Any]) -> str:
    primary, secondary = _record_type(record)
    if primary or secondary:
        title = record.get("title")
        named = f" ({title!r})" if isinstance(title, str) and title else ""
        return f"a CERN Open Data record of type {'/'.join([primary, *secondary])}{named}"
    if not record:
        return "an empty JSON object"
    keys = ", ".join(sorted(str(k) for k in record)[:6])
    return f"a JSON object with the keys {keys}{' …' if len(record) > 6 else ''}"


def _is_author_list(record: dict[str, Any]) -> bool:
    primary, secondary = _record_type(record)
    if primary or secondary:
        return AUTHORS_TYPE in secondary
    # An untyped object is read when it carries the fields of one: a list of named authors.
    authors = record.get("authors")
    return isinstance(authors, list) and bool(authors)


def author_list_record(document: Any) -> dict[str, Any]:
    """The one author-list record of ``document``; AuthorListError naming what it is
    otherwise."""
    if isinstance(document, dict):
        if _is_author_list(document):
            return document
        raise AuthorListError(
            f"{_NOT_A_LIST}: found {_describe(document)}; expected a CERN Open Data record "
            f"of type {AUTHORS_TYPE}, authors.xml, or this project's CSV or JSON"
        )
    if not isinstance(document, list):
        raise AuthorListError(f"{_NOT_A_LIST}: found {_kind(document)} of JSON")
    if not document:
        raise AuthorListError(f"{_NOT_A_LIST}: found an empty JSON array")
    strangers = [item for item in document if not isinstance(item, dict)]
    if strangers:
        raise AuthorListError(
            f"{_NOT_A_LIST}: found a JSON array holding {_kind(strangers[0])} "
            f"({strangers[0]!r:.40}) where records belong"
        )
    lists: list[dict[str, Any]] = [record for record in document if _is_author_list(record)]
    if len(lists) == 1:
        return lists[0]
    if lists:
        raise AuthorListError(f"{len(lists)} author-list records in one file: give one at a time")
    found = "; ".join(_describe(record) for record in document[:3])
    more = f" and {len(document) - 3} more" if len(document) > 3 else ""
    raise AuthorListError(
        f"{_NOT_A_LIST}: found {len(document)} record(s): {found}{more}; none is of type "
        f"{AUTHORS_TYPE}"
    )


def text_field(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AuthorListError(f"{where}: {key} is {_kind(value)}, not text")
    return value
