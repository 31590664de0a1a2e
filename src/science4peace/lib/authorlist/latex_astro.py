"""LaTeX renderers of the astronomy and astroparticle journals: AASTeX 6.3.1 (``aastex631``:
ApJ, AJ, ApJS, PSJ), MNRAS (``mnras``) and A&A (``aa``). Same conventions as ``latex``:
every text through pylatexenc, notes and "Deceased" as numbered address lines shared by the
authors they apply to, ORCID iDs under ``names-orcid`` only, native-script names as
comments, the funding agencies acknowledged under every policy.

aastex631.cls and mnras.cls are in TeX Live (Debian's texlive-publishers) and the tests
compile them; aa.cls is distributed by EDP Sciences only, so ``aa`` is snapshot-tested."""

from __future__ import annotations

from collections.abc import Callable

from .latex import FONTS, _acknowledgements, _title, lines, names, natives, tex
from .policy import NAMES_ORCID, Prepared


def aastex631(prepared: Prepared) -> str:
    """Each author followed by their ``\\affiliation`` lines (AASTeX, built on REVTeX,
    numbers identical texts once); the ORCID iD in the optional argument of ``\\author``,
    as the AAS journals ask; ``\\collaboration`` names the collaboration after its authors,
    with the number of them to list (all)."""
    numbered = lines(prepared)
    out = [r"\documentclass{aastex631}", *FONTS, r"\begin{document}"]
    out.append(rf"\title{{{_title(prepared)}}}")
    affiliations = [rf"\affiliation{{{text}}}" for text in numbered.texts]
    for entry, native, marks in zip(
        prepared.entries, natives(prepared), numbered.marks, strict=True
    ):
        orcid = f"[{tex(entry.orcid)}]" if prepared.policy == NAMES_ORCID and entry.orcid else ""
        printed = tex(entry.author.printed_name).replace(". ", ".~")
        out.append(rf"\author{orcid}{{{printed}}}{native}")
        out.extend([affiliations[n - 1] for n in marks] if marks else [r"\noaffiliation"])
    if prepared.collaboration:
        count = len(prepared.entries)
        out.append(rf"\collaboration{{{count}}}{{({tex(prepared.collaboration)})}}")
    out += [r"\maketitle"]
    out += _acknowledgements(prepared, r"\begin{acknowledgments}", r"\end{acknowledgments}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


# MNRAS sets the author block in a one-column table that cannot break inside a line: names go
# on lines of about this many characters (\newauthor starts the next), and a list longer than
# the limits below prints its affiliations at the end of the paper, as MNRAS collaborations
# do, in a one-column document whose title block may run over several pages.
MNRAS_LINE = 60
MNRAS_LONG_AUTHORS, MNRAS_LONG_ADDRESSES = 60, 30


def _mnras_name(printed: str, marks: list[int], comma: bool) -> str:
    """MNRAS's form: "A.~One,$^{1}$ B.~Two$^{1,2}$ and C.~Three$^{2}$"."""
    text = printed + ("," if comma else "")
    if marks:
        return f"{text}$^{{{','.join(map(str, marks))}}}$"
    return text


def mnras(prepared: Prepared) -> str:
    numbered = lines(prepared)
    long = len(prepared.entries) > MNRAS_LONG_AUTHORS or len(numbered.texts) > MNRAS_LONG_ADDRESSES
    short = tex(prepared.collaboration) if prepared.collaboration else "Authors"
    out = [r"\documentclass[onecolumn]{mnras}" if long else r"\documentclass{mnras}", *FONTS]
    out.append(rf"\title[{short}]{{{_title(prepared)}}}")
    out.append(rf"\author[{short}]{{")
    width, last = 0, len(prepared.entries) - 1
    authors = zip(names(prepared), natives(prepared), numbered.marks, strict=True)
    for index, (printed, native, marks) in enumerate(authors):
        text = _mnras_name(printed, marks, index < last - 1)
        if index == last and index > 0:
            text = f"and {text}"
        if width and width + len(text) > MNRAS_LINE:
            out.append(r"\newauthor")
            width = 0
        width += len(text) + 1
        out.append(f"{text}{native}")
    if numbered.texts and long:
        out.append(r"\\ Affiliations are listed at the end of the paper.")
    elif numbered.texts:
        out.append("\\\\")
        out.append("\\\\\n".join(f"$^{{{n}}}${t}" for n, t in enumerate(numbered.texts, start=1)))
    out += ["}", r"\date{}", r"\begin{document}", r"\maketitle"]
    out += _acknowledgements(prepared, r"\section*{Acknowledgements}")
    if numbered.texts and long:
        out.append(r"\section*{Affiliations}")
        out.append(r"\noindent")
        out.append("\\\\\n".join(f"$^{{{n}}}${t}" for n, t in enumerate(numbered.texts, start=1)))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def aa(prepared: Prepared) -> str:
    """A&A: authors joined by ``\\and`` with ``\\inst`` numbers into ``\\institute``; a
    collaboration signs as Planck's papers do ("Planck Collaboration: ...")."""
    numbered = lines(prepared)
    out = [r"\documentclass{aa}", *FONTS, r"\begin{document}"]
    out.append(rf"\title{{{_title(prepared)}}}")
    authors = []
    for printed, native, marks in zip(
        names(prepared), natives(prepared), numbered.marks, strict=True
    ):
        inst = rf"\inst{{{','.join(map(str, marks))}}}" if marks else ""
        authors.append(f"{printed}{inst}{native}")
    lead = f"{tex(prepared.collaboration)}: " if prepared.collaboration else ""
    out.append(r"\author{" + lead + "\n\\and ".join(authors) + "\n}")
    if numbered.texts:
        out.append(r"\institute{" + "\n\\and ".join(numbered.texts) + "\n}")
    if prepared.collaboration:
        out.append(rf"\authorrunning{{{tex(prepared.collaboration)}}}")
    out += [r"\date{}", r"\abstract{Author list.}", r"\maketitle"]
    out += _acknowledgements(prepared, r"\begin{acknowledgements}", r"\end{acknowledgements}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[[Prepared], str]] = {
    "aastex631": aastex631,
    "mnras": mnras,
    "aa": aa,
}
