"""Cells for CSV files that spreadsheets open: OWASP's defence against formula injection.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK("https://evil.example", "x")``);
such a cell gets a single quote in front, which the spreadsheet shows as text and does not
evaluate. A cell that is really a number (``-3``, ``+1.5e3``) is kept as it is, so columns of
numbers stay numbers; nothing else is changed. Every CSV the platform writes goes through
``safe_row``."""

from __future__ import annotations

import re
from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will show it without evaluating it."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]


_TRIGGER_CHARACTERS = frozenset(TRIGGERS)


def safe_rows(rows: Iterable[list[object]]) -> list[list[object]]:
    """``safe_row`` of each row; a row of texts none of which begins with a trigger (nearly
    every row) is kept as it is, without a call for each cell."""
    safe: list[list[object]] = []
    for row in rows:
        try:
            clean = _TRIGGER_CHARACTERS.isdisjoint([value[:1] for value in row])  # type: ignore[index]
        except TypeError:  # a cell that is not a text
            clean = False
        safe.append(row if clean else safe_row(row))
    return safe
