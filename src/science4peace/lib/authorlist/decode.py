"""From the bytes real author-list files carry to text.

- a byte-order mark (UTF-8, UTF-16, UTF-32) is honoured and removed;
- leading TeX comment lines are skipped: arXiv's ``%auto-ignore`` line, which collaborations
  put before the XML declaration of an ancillary ``authors.xml`` so that arXiv does not
  process it as TeX (INSPIRE's harvester skips it the same way), and any other ``%`` line,
  and blank lines before the content;
- any line ending (LF, CRLF, CR) becomes LF;
- the encoding an XML declaration names is used; a file without a declaration, and any JSON
  or CSV file, is UTF-8;
- a declaration that lies is decided by the bytes: when a single-byte encoding (ISO-8859-1,
  Windows-1252, ASCII...) is declared but every non-ASCII byte belongs to a valid UTF-8
  sequence, the file is UTF-8 (text in a single-byte encoding essentially never forms valid
  UTF-8 sequences: "é" in Latin-1 is one byte, 0xE9, which cannot stand alone in UTF-8); it
  is read as UTF-8 and a warning says so. Bytes that fit neither the declared encoding nor
  UTF-8 are an error naming the line and the byte.

Line numbers in later errors count the skipped lines (``skipped``)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from .model import AuthorListError

_BOMS = [  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
_COMMENT_LINE = re.compile(rb"[ \t]*(?:%[^\r\n]*)?(?:\r\n|\r|\n)")
_DECLARATION = re.compile(r"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1""")
_UTF8 = {"utf-8", "utf_8", "utf8"}


@dataclass
class Decoded:
    text: str
    skipped: int = 0  # leading comment (and blank) lines left out
    warnings: list[str] = field(default_factory=list)
    # the bytes read, when they are ``text`` in UTF-8 exactly (nothing left out or changed)
    utf8: bytes | None = field(default=None, repr=False)


def _where(data: bytes, offset: int, skipped: int) -> str:
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1 + skipped
    column = offset - max(before.rfind(b"\n"), before.rfind(b"\r"))
    return f"line {line}, column {column}"


def _skip_comment_lines(data: bytes) -> tuple[bytes, int]:
    """Leading lines that are TeX comments, as arXiv's ``%auto-ignore``, or blank (an XML
    declaration must open the document)."""
    position, lines = 0, 0
    while match := _COMMENT_LINE.match(data, position):
        position, lines = match.end(), lines + 1
    return data[position:], lines


def _is_single_byte(codec: codecs.CodecInfo) -> bool:
    return all(len(chr(c).encode(codec.name, "ignore")) <= 1 for c in (0x41, 0xE9, 0x20AC))


def _declared(data: bytes) -> str | None:
    """The encoding named by an XML declaration at the start (ASCII-compatible bytes)."""
    match = _DECLARATION.match(data[:200].decode("ascii", "replace"))
    return match.group(2).strip() if match else None


def _utf8(data: bytes, skipped: int, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AuthorListError(
            f"not UTF-8 text ({what}): byte 0x{data[exc.start]:02X} at "
            f"{_where(data, exc.start, skipped)} cannot be decoded; the file may be "
            "Latin-1 or Windows-1252: save it as UTF-8, or declare its encoding in the XML "
            "declaration"
        ) from exc


def decode(data: bytes) -> Decoded:
    warnings: list[str] = []
    for bom, codec_name, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec_name == "utf-8":
                data = body
                break
            try:
                text = body.decode(codec_name)
            except UnicodeDecodeError as exc:
                raise AuthorListError(
                    f"not {label} text, although its byte-order mark says so: bytes "
                    f"{exc.start}–{exc.end} after the mark cannot be decoded"
                ) from exc
            # The mark decides, whatever encoding a declaration names.
            body, skipped = _skip_comment_lines(text.encode("utf-8"))
            return Decoded(_lines(body.decode("utf-8")), skipped, warnings)
    body, skipped = _skip_comment_lines(data)
    declared = _declared(body)
    if declared is None or declared.casefold() in _UTF8:
        what = (
            f"the XML declaration says {declared}"
            if declared
            else "JSON, CSV and XML without an encoding declaration are UTF-8"
        )
        text = _utf8(body, skipped, what)
        lines = _lines(text)
        same = lines is text and body is data  # no line end changed, nothing skipped
        return Decoded(lines, skipped, warnings, body if same else None)
    try:
        codec = codecs.lookup(declared)
    except LookupError as exc:
        raise AuthorListError(
            f"the XML declaration names the encoding {declared!r}, which is unknown"
        ) from exc
    if codec.name.startswith(("utf-16", "utf-32")):
        raise AuthorListError(
            f"the XML declaration says {declared}, but the file has no byte-order mark and "
            "begins as an ASCII-compatible text: save it as UTF-8"
        )
    if not body.isascii() and _is_single_byte(codec):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = next(i for i, ch in enumerate(text) if not ch.isascii())
            line = text.count("\n", 0, first) + 1 + skipped
            warnings.append(
                f"the XML declaration says {declared}, but the bytes are UTF-8 (for "
                f"example {text[first]!r} on line {line}); read as UTF-8"
            )
            return Decoded(_lines(text), skipped, warnings)
    try:
        text = body.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise AuthorListError(
            f"not {declared} text, although the XML declaration says so: byte "
            f"0x{body[exc.start]:02X} at {_where(body, exc.start, skipped)} cannot be decoded"
        ) from exc
    return Decoded(_lines(text), skipped, warnings)


def _lines(text: str) -> str:
    if "\r" not in text:  # one quick look, not two passes that replace nothing
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def as_utf8_xml(text: str, utf8: bytes | None = None) -> bytes:
    """Decoded XML for the parser: its declaration now names the encoding it has.
    ``utf8``: ``text`` encoded in UTF-8 already (``Decoded.utf8``), when known."""
    match = _DECLARATION.match(text)
    if match and match.group(2) != "UTF-8":
        start, end = match.span(2)
        return (text[:start] + "UTF-8" + text[end:]).encode("utf-8")
    return utf8 if utf8 is not None else text.encode("utf-8")
