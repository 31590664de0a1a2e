"""LaTeX renderers of the particle-physics journals: complete documents for REVTeX 4.2
(superscriptaddress), Elsevier elsarticle, SISSA jheppub (JHEP, JCAP) and jinstpub (JINST)
and Springer svjour3 (EPJC). The astronomy journals are in ``latex_astro``.

Every name and institution goes through pylatexenc, so any Unicode text becomes valid LaTeX.
Notes ("Also at …", "Now at …", "On leave from …", "Deceased") are numbered address lines
like the affiliations, shared by every author they apply to: footnote symbols would run out
in a list of thousands of authors, and this way every author is marked the same way.
ORCID iDs (policy names-orcid) follow the name. Native-script names, which the journals do
not print, are kept as comments."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pylatexenc.latexencode import unicode_to_latex

from ..textsafety import one_line
from .model import ALSO_AT, NOW_AT, ON_LEAVE
from .policy import NAMES_ORCID, Entry, Prepared

_SPECIALS = re.compile(r"[\\&%$#_{}~^<>|\"]")
# T1 encoding with Latin Modern: accented letters as real glyphs, and the guillemets and other
# symbols pylatexenc emits for names such as «Kurchatov Institute».
FONTS = [r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}"]
NOTE_WORDS = {ALSO_AT: "Also at", NOW_AT: "Now at", ON_LEAVE: "On leave from"}


@lru_cache(maxsize=65536)
def tex(text: str) -> str:
    """LaTeX for any Unicode text; the typographic apostrophe becomes ', which LaTeX sets
    as ’ and which arXiv's ASCII metadata expects. Safe by construction: control characters
    and line breaks become spaces (no empty line ends a paragraph, no line ends a comment) and
    every special character (``\\ % { } # $ & ^ ~ _``) becomes a command that prints it, so no
    text can start a command, end a comment or leave its group."""
    text = one_line(text).replace("\u2019", "'")
    if text.isascii() and not _SPECIALS.search(text):
        return text
    # pylatexenc composes the text (NFC), then writes each character on its own, whatever
    # comes before or after it: the same, character by character, from _CHARACTERS.
    known = _CHARACTERS
    return "".join(
        [known.get(char) or _character(char) for char in unicodedata.normalize("NFC", text)]
    )


# What pylatexenc writes for each character met that it knows (or keeps silently: printable
# ASCII); one it does not know goes to it each time, which logs it as before.
_CHARACTERS: dict[str, str] = {}


def _character(char: str) -> str:
    encoded: str = unicode_to_latex(char, non_ascii_only=False, unknown_char_policy="keep")
    if encoded != char or " " <= char <= "\x7f":
        _CHARACTERS[char] = encoded
    return encoded


@dataclass
class Lines:
    """Address lines numbered by first appearance, and each author's line numbers."""

    texts: list[str]
    marks: list[list[int]]  # per entry


def lines(prepared: Prepared) -> Lines:
    """Computed once per prepared list, whatever the number of formats rendered from it."""
    cached: Lines | None = prepared.memo.get("lines")
    if cached is None:
        cached = prepared.memo["lines"] = _numbered(prepared)
    return cached


def _numbered(prepared: Prepared) -> Lines:
    organisations = [tex(o.printed) for o in prepared.organisations]
    notes = {
        (kind, n): f"{NOTE_WORDS[kind]} {organisations[n - 1]}"
        for entry in prepared.entries
        for kind, n in entry.notes
    }
    numbers: dict[str, int] = {}
    marks = []
    for entry in prepared.entries:
        own = [
            numbers.setdefault(organisations[n - 1], len(numbers) + 1) for n in entry.affiliations
        ]
        own += [numbers.setdefault(notes[note], len(numbers) + 1) for note in entry.notes]
        if entry.author.deceased:
            own.append(numbers.setdefault("Deceased", len(numbers) + 1))
        marks.append(own)
    return Lines(list(numbers), marks)


def names(prepared: Prepared) -> list[str]:
    """``name`` of every entry, computed once per prepared list."""
    cached: list[str] | None = prepared.memo.get("names")
    if cached is None:
        cached = prepared.memo["names"] = [name(prepared, entry) for entry in prepared.entries]
    return cached


def natives(prepared: Prepared) -> list[str]:
    """``_native`` of every entry, computed once per prepared list."""
    cached: list[str] | None = prepared.memo.get("natives")
    if cached is None:
        cached = prepared.memo["natives"] = [_native(entry) for entry in prepared.entries]
    return cached


def name(prepared: Prepared, entry: Entry) -> str:
    """The printed name with non-breaking spaces after initials ("G.~Aad")."""
    text = tex(entry.author.printed_name).replace(". ", ".~")
    if prepared.policy == NAMES_ORCID and entry.orcid:
        text += rf" (ORCID~{tex(entry.orcid)})"
    return text


def comment(text: str) -> str:
    """Text for the rest of a ``%`` comment line: on one line, so it cannot end the comment."""
    return one_line(text).strip()


def _native(entry: Entry) -> str:
    native = comment(entry.author.native_name or "")
    return f" % {native}" if native else ""


def _title(prepared: Prepared) -> str:
    return tex(f"{prepared.collaboration or 'Collaboration'} author list")


def _acknowledgements(prepared: Prepared, opening: str, closing: str = "") -> list[str]:
    if not prepared.funding:
        return []
    text = "We acknowledge the support of " + "; ".join(tex(f) for f in prepared.funding) + "."
    return [opening, text] + ([closing] if closing else [])


def revtex(prepared: Prepared) -> str:
    numbered = lines(prepared)
    out = [
        r"\documentclass[aps,prd,superscriptaddress,nofootinbib]{revtex4-2}",
        *FONTS,
        r"\begin{document}",
        rf"\title{{{_title(prepared)}}}",
    ]
    affiliations = [rf"\affiliation{{{text}}}" for text in numbered.texts]
    for printed, native, marks in zip(
        names(prepared), natives(prepared), numbered.marks, strict=True
    ):
        out.append(rf"\author{{{printed}}}{native}")
        # REVTeX numbers identical \affiliation texts once, in order of first appearance.
        out.extend([affiliations[n - 1] for n in marks] if marks else [r"\noaffiliation"])
    if prepared.collaboration:
        out.append(rf"\collaboration{{{tex(prepared.collaboration)}}}")
        out.append(r"\noaffiliation")
    out += [r"\date{}", r"\maketitle"]
    out += _acknowledgements(prepared, r"\section*{Acknowledgements}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def elsarticle(prepared: Prepared) -> str:
    numbered = lines(prepared)
    out = [
        r"\documentclass[preprint,12pt,numafflabel]{elsarticle}",
        *FONTS,
        r"\begin{document}",
        r"\begin{frontmatter}",
        rf"\title{{{_title(prepared)}}}",
    ]
    for printed, native, marks in zip(
        names(prepared), natives(prepared), numbered.marks, strict=True
    ):
        label = f"[{','.join([f'a{n}' for n in marks])}]" if marks else ""
        out.append(rf"\author{label}{{{printed}}}{native}")
    out.extend(rf"\address[a{n}]{{{text}}}" for n, text in enumerate(numbered.texts, start=1))
    if prepared.collaboration:
        out.append(rf"\author{{{tex(prepared.collaboration)}}}")
    out.append(r"\end{frontmatter}")
    out += _acknowledgements(prepared, r"\section*{Acknowledgements}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def jheppub(prepared: Prepared, package: str = "jheppub") -> str:
    """SISSA's package for JHEP and JCAP; JINST's ``jinstpub`` takes the same commands."""
    numbered = lines(prepared)
    out = [
        r"\documentclass[a4paper,11pt]{article}",
        *FONTS,
        rf"\usepackage{{{package}}}",
        rf"\title{{{_title(prepared)}}}",
    ]
    last = len(prepared.entries) - 1
    authors = zip(names(prepared), natives(prepared), numbered.marks, strict=True)
    for index, (printed, native, marks) in enumerate(authors):
        label = f"[{','.join(map(str, marks))}]" if marks else ""
        comma = "," if index < last else ""
        out.append(rf"\author{label}{{{printed}{comma}}}{native}")
    out.extend(rf"\affiliation[{n}]{{{text}}}" for n, text in enumerate(numbered.texts, start=1))
    if prepared.collaboration:
        out.append(rf"\collaboration{{{tex(prepared.collaboration)}}}")
    out += [r"\abstract{Author list.}", r"\begin{document}", r"\maketitle"]
    out += _acknowledgements(prepared, r"\acknowledgments")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def epjc(prepared: Prepared) -> str:
    numbered = lines(prepared)
    out = [
        r"\documentclass[epjc3]{svjour3}",
        *FONTS,
        r"\begin{document}",
        rf"\title{{{_title(prepared)}}}",
    ]
    authors = []
    for printed, native, marks in zip(
        names(prepared), natives(prepared), numbered.marks, strict=True
    ):
        ref = rf"\thanksref{{{','.join([f'addr{n}' for n in marks])}}}" if marks else ""
        authors.append(f"{printed}{ref}{native}")
    out.append(r"\author{" + "\n\\and ".join(authors) + "\n}")
    if numbered.texts:
        institutes = [
            rf"{text} \label{{addr{n}}}" for n, text in enumerate(numbered.texts, start=1)
        ]
        out.append(r"\institute{" + "\n\\and ".join(institutes) + "}")
    out += [r"\date{}", r"\maketitle"]
    out += _acknowledgements(prepared, r"\begin{acknowledgements}", r"\end{acknowledgements}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def jinstpub(prepared: Prepared) -> str:
    return jheppub(prepared, "jinstpub")


RENDERERS: dict[str, Callable[[Prepared], str]] = {
    "revtex": revtex,
    "elsarticle": elsarticle,
    "jheppub": jheppub,
    "jinstpub": jinstpub,
    "epjc": epjc,
}
