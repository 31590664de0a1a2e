"""Reading JSON from untrusted uploads (framework-free): one error type, never another
exception, whatever the bytes.

Python's ``json`` accepts what no reader here wants, and fails on some input with exceptions
that are not ``JSONDecodeError``:

- nesting deeper than the interpreter's recursion limit raises ``RecursionError``; documents
  nested deeper than ``MAX_DEPTH`` (arrays and objects) are refused before parsing;
- ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON (RFC 8259) and are refused, as are
  numbers too large for a float (``1e999``) and integers of more than ``MAX_DIGITS`` digits
  (Python refuses longer ones with a ``ValueError`` of its own);
- bytes that are not UTF-8 (a UTF-8 byte-order mark is allowed and removed) are refused
  naming the offset.

Every refusal is a :class:`JSONTextError` whose message says what is wrong and where."""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
MAX_DIGITS = 1000


class JSONTextError(ValueError):
    """The text is not JSON this platform reads; the message says why and where."""


# Strings (possibly unterminated: the parser reports those) and brackets.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def _check_depth(text: str, limit: int) -> None:
    depth = 0
    for match in _TOKENS.finditer(text):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start()) + 1
                raise JSONTextError(
                    f"JSON nested more than {limit} levels deep (line {line}, "
                    f"character {match.start() + 1})"
                )
        elif char in "]}":
            depth -= 1


def _constant(name: str) -> Any:
    raise JSONTextError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JSONTextError(f"an integer of {len(text.lstrip('-'))} digits; at most {MAX_DIGITS}")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JSONTextError(f"the number {text[:40]} is too large")
    return value


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``data``; :class:`JSONTextError` for anything else."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JSONTextError(
                f"not UTF-8 text: byte 0x{data[exc.start]:02X} at offset {exc.start} "
                "cannot be decoded (JSON is UTF-8)"
            ) from exc
    else:
        text = data.removeprefix("\ufeff")
    _check_depth(text, max_depth)
    try:
        return json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise JSONTextError(
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise JSONTextError("JSON nested too deeply") from exc
