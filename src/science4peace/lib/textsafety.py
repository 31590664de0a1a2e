"""What the platform accepts in free text, and how text that must stay on one line is made
to: the one definition of "control character" shared by input validation (core.validators)
and by the renderers (LaTeX, CSV) that must be safe for any string that reaches them.

Refused in one-line texts (names, titles, institution names and addresses, reasons, notes):
every C0 and C1 control (category Cc: NUL, TAB, LF, CR, VT, FF, ESC, DEL, NEL, ...), the
Unicode line and paragraph separators (U+2028, U+2029) and the bidirectional embedding,
override and isolate controls (U+202A-U+202E, U+2066-U+2069), which can reorder what a reader
sees. Zero-width joiner and non-joiner (U+200C, U+200D), soft hyphen and the other format
characters stay allowed: Persian, Indic and other scripts need them in names. Multi-line
texts (descriptions, abstracts, messages) allow LF, CR and TAB and refuse the rest."""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85\x1c\x1d\x1e")
MULTILINE_ALLOWED = frozenset("\n\r\t")


def is_control(char: str) -> bool:
    """True for a character refused in one-line text (see the module's docstring)."""
    return (
        unicodedata.category(char) in ("Cc", "Zl", "Zp")
        or char in BIDI_CONTROLS
        or char in LINE_BREAKS
    )


def first_control(text: str, *, multiline: bool = False) -> str | None:
    """The first refused character of ``text``, or None."""
    for char in text:
        if is_control(char) and not (multiline and char in MULTILINE_ALLOWED):
            return char
    return None


def describe(char: str) -> str:
    """ "U+000A (LINE FEED)": how an error names a refused character."""
    name = unicodedata.name(char, "") or {
        "\n": "LINE FEED",
        "\r": "CARRIAGE RETURN",
        "\t": "CHARACTER TABULATION",
        "\x00": "NULL",
    }.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


# The same set as :func:`is_control` (category Cc is exactly U+0000-U+001F and U+007F-U+009F;
# Zl and Zp are U+2028 and U+2029), as a regular expression for long texts.
_CONTROL_CLASS = "\\x00-\\x1f\\x7f-\\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_RUN = re.compile(f"[{_CONTROL_CLASS}]+")
_REFUSED = re.compile(f"[{_CONTROL_CLASS}]")
_REFUSED_MULTILINE = re.compile(f"(?![\\n\\r\\t])[{_CONTROL_CLASS}]")


def without_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` with every character :func:`first_control` refuses removed: what a reader of
    outside data (a catalog record) keeps when it takes the record rather than refuse it."""
    return (_REFUSED_MULTILINE if multiline else _REFUSED).sub("", text)


def one_line(text: str) -> str:
    """``text`` with every run of control characters and line breaks replaced by one space:
    what a renderer writes where a line break would change the meaning (a LaTeX comment, a
    CSV cell, a mail header)."""
    return _RUN.sub(" ", text)
