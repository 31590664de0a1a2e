"""The book of abstracts as a LaTeX document for pdflatex: sessions in programme order, each
abstract's title, authors (ordered and shown under an equal-treatment policy) and text.

Safe by construction (issue 12, defect 1). Every text goes through ``text``: the escaper of
the author-list writers (``authorlist.latex.tex``, pylatexenc) for what pdflatex's fonts can
set, Cyrillic inside ``\\scriptcyr{...}`` (T2A fonts), and a Latin transliteration (anyascii)
for the scripts pdflatex cannot set without packages the book does not load (Arabic, Hebrew,
CJK, Indic, ...), so no character is dropped silently and none can start a command. Abstracts
are Markdown: ``markdown_latex`` walks markdown-it's tokens (the platform's Markdown, as the
web pages render it) and writes only its own commands. Math passes only as math: ``math``
accepts a formula only when every control sequence is on an allow-list (``MATH_WORDS``,
``MATH_SYMBOLS``), every environment on ``ENVIRONMENTS``, its braces balance and it holds no
``%``, ``#``, ``$`` or ``^^``; any other formula is printed as its source text, like the
HTML renderer's ``math-error``. ``$\\input{/etc/passwd}$`` is printed, never read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from anyascii import anyascii
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pylatexenc.latexencode import unicode_to_latex

from .authorlist.latex import tex
from .markup import MAX_FORMULA, MAX_INPUT, MAX_NESTING, _too_deep
from .textsafety import one_line

GREEK = """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu
xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta
Lambda Xi Pi Sigma Upsilon Phi Psi Omega"""
OPERATORS = """sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes lim limsup
liminf
sup inf max min arg det exp log ln lg sin cos tan cot sec csc arcsin arccos arctan sinh cosh
tanh coth deg dim ker hom gcd Pr mod bmod pmod"""
RELATIONS = """leq le geq ge neq ne equiv approx sim simeq cong propto ll gg subset supset
subseteq
supseteq in ni notin perp parallel mid nmid models vdash dashv prec succ preceq succeq asymp
doteq to gets mapsto rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow
longrightarrow longleftarrow Longrightarrow Longleftarrow longleftrightarrow iff implies
uparrow downarrow Uparrow Downarrow nearrow searrow swarrow nwarrow hookrightarrow
rightleftharpoons lesssim gtrsim"""
SYMBOLS = """pm mp times div cdot cdots ldots dots vdots ddots ast star circ bullet oplus ominus
otimes oslash odot cup cap wedge vee setminus infty partial nabla forall exists nexists
emptyset varnothing neg lnot hbar ell Re Im aleph prime angle triangle Box surd top bot flat
natural sharp clubsuit diamondsuit heartsuit spadesuit dagger ddagger langle rangle lceil
rceil lfloor rfloor vert Vert backslash lbrace rbrace colon quad qquad"""
STRUCTURE = """frac dfrac tfrac sqrt binom overline underline hat widehat tilde widetilde bar vec
dot ddot check breve acute grave mathring overbrace underbrace overset underset stackrel
left right big Big bigg Bigg bigl bigr Bigl Bigr text textrm textit textbf mathrm mathit
mathbf mathsf mathtt mathcal mathbb mathfrak boldsymbol operatorname displaystyle textstyle
scriptstyle limits nolimits begin end hline"""
MATH_WORDS = frozenset(" ".join([GREEK, OPERATORS, RELATIONS, SYMBOLS, STRUCTURE]).split())
MATH_SYMBOLS = frozenset(",:;! {}|\\#$%&_")
ENVIRONMENTS = frozenset(
    [
        "matrix",
        "pmatrix",
        "bmatrix",
        "Bmatrix",
        "vmatrix",
        "Vmatrix",
        "smallmatrix",
        "cases",
        "aligned",
        "gathered",
        "split",
    ]
)
# The commands the book's own template and the Markdown walk write; with pylatexenc's
# escapes and MATH_WORDS, the only control words a book can hold (the tests check it).
TEMPLATE_WORDS = frozenset(
    [
        "documentclass",
        "usepackage",
        "DeclareFontFamily",
        "DeclareFontShape",
        "newcommand",
        "fontencoding",
        "selectfont",
        "scriptcyr",
        "setlength",
        "parindent",
        "parskip",
        "begin",
        "end",
        "document",
        "center",
        "LARGE",
        "large",
        "small",
        "normalsize",
        "section",
        "subsection",
        "par",
        "noindent",
        "textsuperscript",
        "emph",
        "textbf",
        "texttt",
        "itemize",
        "enumerate",
        "item",
        "quote",
        "medskip",
        "hrule",
        "newline",
        "footnotesize",
        "textit",
        "nobreak",
        "raggedright",
        "clearpage",
        "vspace",
        "footnote",
    ]
)

CONTROL = re.compile(r"\\([A-Za-z]+|.?)|(\^\^)|([{}])|([%#$&])|(\S)", re.DOTALL)
CYRILLIC = re.compile("[\u0400-\u052f]+")


@cache
def _settable(char: str) -> bool:
    """Whether pdflatex with the book's fonts sets ``char``: ASCII, Cyrillic, and every
    character pylatexenc writes as a LaTeX command (accented Latin, Greek, symbols)."""
    if char.isascii() or CYRILLIC.fullmatch(char):
        return True
    if unicodedata.category(char).startswith("Z"):
        return True
    converted: str = unicode_to_latex(
        char, non_ascii_only=True, unknown_char_policy="keep", unknown_char_warning=False
    )
    return converted != char


def _runs(value: str) -> Iterable[tuple[str, str]]:
    """(kind, run): "cyr", "set" (settable) or "other", in order."""
    kind, start = "", 0
    for index, char in enumerate(value):
        if char == " " and kind:
            continue  # a space stays in the run it is in
        this = "cyr" if CYRILLIC.fullmatch(char) else "set" if _settable(char) else "other"
        if this != kind:
            if index > start:
                yield kind, value[start:index]
            kind, start = this, index
    if start < len(value):
        yield kind, value[start:]


@lru_cache(maxsize=16384)
def text(value: str) -> str:
    """LaTeX that prints ``value`` on one line and can start no command (see the module)."""
    parts = []
    for kind, run in _runs(unicodedata.normalize("NFC", one_line(value))):
        if kind == "cyr":
            parts.append(rf"\scriptcyr{{{tex(run)}}}")
        elif kind == "other":
            parts.append(tex(anyascii(run)))
        else:
            parts.append(tex(run))
    return "".join(parts)


def check_math(formula: str) -> str | None:
    """The formula, on one line, when it is safe math (see the module); else None."""
    formula = one_line(formula).strip()
    if not formula or len(formula) > MAX_FORMULA or _too_deep(formula):
        return None
    depth, environments = 0, list[str]()
    pending: str | None = None  # "begin"/"end" waiting for its {name}
    for match in CONTROL.finditer(formula):
        word, caret, brace, special, other = match.groups()
        if pending is not None:
            name = re.match(r"\{([A-Za-z]+)\}", formula[match.start() :])
            if name is None or name.group(1) not in ENVIRONMENTS:
                return None
            if pending == "begin":
                environments.append(name.group(1))
            elif not environments or environments.pop() != name.group(1):
                return None
            pending = None
        if word is not None:
            if word == "" or (len(word) == 1 and not word.isalpha()):
                if word not in MATH_SYMBOLS:
                    return None
            elif word not in MATH_WORDS:
                return None
            elif word in ("begin", "end"):
                pending = word
        elif caret or (special and (special != "&" or not environments)):
            return None
        elif brace:
            depth += 1 if brace == "{" else -1
            if depth < 0:
                return None
        elif other is not None and not other.isascii():
            return None
    if depth or environments or pending:
        return None
    return formula


def math(formula: str, *, display: bool) -> str:
    """The formula as math, or its source printed as text when it is not safe math."""
    safe = check_math(formula)
    if safe is None:
        return rf"\texttt{{{text(formula)}}}"
    return rf"\[ {safe} \]" if display else f"${safe}$"


@cache
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "maxNesting": MAX_NESTING})
    return md.enable("table").use(dollarmath_plugin, allow_space=True, double_inline=True)


INLINE = {
    "em_open": r"\emph{",
    "em_close": "}",
    "strong_open": r"\textbf{",
    "strong_close": "}",
    "softbreak": " ",
    "hardbreak": r" \newline ",
}


def _inline(tokens: Sequence[Token]) -> str:
    out = []
    links: list[str] = []
    for token in tokens:
        if token.type in INLINE:
            out.append(INLINE[token.type])
        elif token.type == "code_inline":
            out.append(rf"\texttt{{{text(token.content)}}}")
        elif token.type == "math_inline":
            out.append(math(token.content, display=False))
        elif token.type == "math_inline_double":
            out.append(math(token.content, display=True))
        elif token.type == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif token.type == "link_close":
            href = links.pop() if links else ""
            out.append(rf"\footnote{{\texttt{{{text(href)}}}}}" if href else "")
        else:  # text, image (its alt text), html_inline (text: html is off), anything new
            out.append(text(token.content))
    return "".join(out)


LISTS = {"bullet_list_open": "itemize", "ordered_list_open": "enumerate"}
MAX_LIST_DEPTH = 4  # LaTeX nests lists four deep; deeper items are shown as paragraphs


def markdown_latex(source: str) -> str:
    """LaTeX for Markdown ``source`` (see the module): paragraphs on one line each."""
    tokens = _md().parse((source or "")[:MAX_INPUT])
    out: list[str] = []
    lists: list[str | None] = []
    quotes = 0
    for token in tokens:
        kind = token.type
        if kind == "inline":
            out.append(_inline(token.children or []))
        elif kind in ("paragraph_close", "heading_close"):
            out.append("}\n\n" if kind == "heading_close" else "\n\n")
        elif kind == "heading_open":
            out.append(r"\par\noindent\textbf{")
        elif kind in LISTS:
            depth = len([x for x in lists if x]) + quotes
            lists.append(LISTS[kind] if depth < MAX_LIST_DEPTH else None)
            out.append(rf"\begin{{{lists[-1]}}}" + "\n" if lists[-1] else "")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            env = lists.pop() if lists else None
            out.append(rf"\end{{{env}}}" + "\n" if env else "")
        elif kind == "list_item_open":
            out.append(r"\item " if lists and lists[-1] else r"\par\noindent -- ")
        elif kind == "blockquote_open":
            quotes += 1
            out.append(r"\begin{quote}" + "\n" if quotes + len(lists) <= MAX_LIST_DEPTH else "")
        elif kind == "blockquote_close":
            out.append(r"\end{quote}" + "\n" if quotes + len(lists) <= MAX_LIST_DEPTH else "")
            quotes -= 1
        elif kind in ("code_block", "fence"):
            lines = token.content.rstrip("\n").split("\n")
            out.append(
                r"\par\noindent"
                + r" \newline ".join(rf"\texttt{{{text(line)}}}" for line in lines)
                + "\n\n"
            )
        elif kind in ("math_block", "math_block_label"):
            out.append(math(token.content, display=True) + "\n\n")
        elif kind == "hr":
            out.append(r"\par\medskip\hrule\medskip" + "\n\n")
        elif kind == "tr_close":
            out.append(r" \newline" + "\n")
        elif kind in ("th_open", "td_open"):
            out.append(" | ")
        elif kind == "table_open":
            out.append(r"\par\noindent ")
        elif kind == "table_close":
            out.append("\n\n")
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip() + "\n"


@dataclass(frozen=True)
class Abstract:
    title: str
    abstract: str  # Markdown with $...$ math
    authors: tuple[str, ...]  # printed names, in the order the policy sets
    marks: tuple[tuple[int, ...], ...] = ()  # per author: numbers of ``affiliations``
    affiliations: tuple[str, ...] = ()
    orcids: tuple[str, ...] = ()  # per author, "" for none (policy names-orcid)
    kind: str = ""
    time: str = ""


@dataclass(frozen=True)
class Session:
    title: str
    time: str = ""
    abstracts: tuple[Abstract, ...] = ()


@dataclass(frozen=True)
class Book:
    title: str
    subtitle: str
    dates: str
    sessions: tuple[Session, ...] = field(default_factory=tuple)


PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[T2A,T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage[margin=2.5cm]{geometry}
\DeclareFontFamily{T2A}{lmr}{}
\DeclareFontShape{T2A}{lmr}{m}{n}{<-> larm1000}{}
\DeclareFontShape{T2A}{lmr}{m}{it}{<-> lati1000}{}
\DeclareFontShape{T2A}{lmr}{m}{sl}{<-> lasl1000}{}
\DeclareFontShape{T2A}{lmr}{bx}{n}{<-> labx1000}{}
\DeclareFontShape{T2A}{lmr}{bx}{it}{<-> labi1000}{}
\DeclareFontShape{T2A}{lmr}{b}{n}{<-> labx1000}{}
\DeclareFontShape{T2A}{lmr}{b}{it}{<-> labi1000}{}
\DeclareFontFamily{T2A}{lmtt}{}
\DeclareFontShape{T2A}{lmtt}{m}{n}{<-> latt1000}{}
\newcommand{\scriptcyr}[1]{{\fontencoding{T2A}\selectfont #1}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
\begin{document}"""


def _authors(item: Abstract) -> list[str]:
    names = []
    for n, name in enumerate(item.authors):
        printed = text(name).replace(". ", ".~")
        marks = item.marks[n] if n < len(item.marks) else ()
        if marks:
            printed += rf"\textsuperscript{{{','.join(str(m) for m in marks)}}}"
        orcid = item.orcids[n] if n < len(item.orcids) else ""
        if orcid:
            printed += rf" (ORCID~{text(orcid)})"
        names.append(printed)
    return names


def inline_latex(source: str) -> str:
    """A one-line Markdown text (a title) with its math, as LaTeX."""
    blocks = _md().parseInline(one_line(source or "")[:MAX_INPUT])
    return "".join(_inline(block.children or []) for block in blocks)


def render(book: Book) -> str:
    """The complete LaTeX document."""
    out = [
        PREAMBLE,
        r"\begin{center}",
        rf"{{\LARGE {text(book.title)}}}\par",
        rf"{{\large {text(book.subtitle)}}}\par",
        rf"{text(book.dates)}\par",
        r"\end{center}",
    ]
    for session in book.sessions:
        out.append(rf"\section*{{{text(session.title)}}}")
        if session.time:
            out.append(rf"\noindent\textit{{{text(session.time)}}}\par")
        for item in session.abstracts:
            out.append(rf"\subsection*{{{inline_latex(item.title)}}}")
            details = " -- ".join(text(x) for x in (item.kind, item.time) if x)
            if details:
                out.append(rf"\noindent\textit{{{details}}}\par")
            names = _authors(item)
            if names:
                out.append(rf"\noindent {', '.join(names)}\par")
            for number, affiliation in enumerate(item.affiliations, start=1):
                mark = rf"\textsuperscript{{{number}}}"
                out.append(rf"\noindent{{\footnotesize {mark}{text(affiliation)}}}\par")
            out.append(r"\medskip")
            out.append(markdown_latex(item.abstract).rstrip("\n"))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


class BuildError(Exception):
    """pdflatex made no PDF (or ran out of time)."""


def pdf(source: str, *, pdflatex: str = "pdflatex", timeout: float = 120) -> bytes:
    """Run ``pdflatex -no-shell-escape`` on ``source`` in a fresh temporary directory and
    return the PDF. Defence in depth beside the escaping: no shell escape, kpathsea's
    paranoid ``openin_any``/``openout_any`` (no absolute paths, no parent directories, no
    dot files), non-interactive, and a time limit. One run: the book has no cross-references."""
    import os
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="s4p-book-") as folder:
        path = Path(folder)
        (path / "book.tex").write_text(source, encoding="utf-8")
        env = {**os.environ, "openin_any": "p", "openout_any": "p", "TEXMFOUTPUT": folder}
        try:
            subprocess.run(  # noqa: S603 (fixed tool and arguments, our own source)
                [pdflatex, "-no-shell-escape", "-interaction=nonstopmode", "book.tex"],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise BuildError(f"pdflatex took longer than {timeout:g} s") from error
        except OSError as error:
            raise BuildError(f"pdflatex cannot run: {error}") from error
        made = path / "book.pdf"
        if not made.exists():
            log = (path / "book.log").read_text("utf-8", errors="replace")[-2000:]
            raise BuildError(f"pdflatex made no PDF: {log}")
        return made.read_bytes()
