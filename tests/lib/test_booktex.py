"""Issue 16 point 7 with issue 12 defect 1: the book of abstracts' LaTeX is safe by
construction. No title, abstract, name, affiliation or ORCID can start a command outside the
book's vocabulary, end a comment, leave its group or make pdflatex read a file; math passes
only as math. The renderer is fed directly (bypassing every input check)."""

import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexencode import get_builtin_conversion_rules

from science4peace.lib import booktex
from science4peace.lib.booktex import Abstract, Book, Session
from tests.latex import tools, typeset

from ..snapshot import assert_snapshot

CONTROL_WORD = re.compile(r"\\([A-Za-z@]+)")
COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
NEVER = {"input", "include", "openin", "read", "readline", "write", "immediate", "catcode",
         "def", "edef", "gdef", "csname", "let", "openout", "special", "directlua", "endinput",
         "usepackage", "documentclass", "newcommand", "DeclareFontShape", "DeclareFontFamily",
         "InputIfFileExists", "lowercase", "uppercase", "scantokens", "expandafter",
         "pdfximage", "pdffiledump", "pdfobj", "includegraphics", "verbatiminput"}  # fmt: skip
WORST = [
    "$\\input{/etc/passwd}$",
    "$$\\input{/etc/passwd}$$",
    "Алиса\n\\input{/etc/passwd}\n",
    "x\r\\input{/etc/passwd}",
    "}\\input{/etc/passwd}{",
    "% \n\\input{/etc/passwd}",
    "$a^^5cinput{/etc/passwd}$",
    "^^5cinput{/etc/passwd}",
    "$\\text{\\input{/etc/passwd}}$",
    "$\\begin{verbatim}x\\end{verbatim}$",
    "$\\frac{a}{b}}\\input{/etc/passwd}{$",
    "$a\\$ \\input{/etc/passwd}",
    "```\n\\end{verbatim}\\input{/etc/passwd}\n```",
    "[x](javascript:\\input{/etc/passwd})",
    "\u2028\\input{/etc/passwd}\u0085\\openin5=/etc/passwd",
    "a\tb\x00c\x0cd\x1b",
    "\\ % { } # $ & ^ ~ _",
    "王小明 محمد \\input{/etc/passwd}",
]


def _pylatexenc_words():
    words = set()
    for rule in get_builtin_conversion_rules("defaults"):
        for latex in rule.rule.values():
            words |= set(CONTROL_WORD.findall(latex))
    return words


ESCAPES = _pylatexenc_words()
VOCABULARY = booktex.TEMPLATE_WORDS | booktex.MATH_WORDS | ESCAPES


def _book(text, *, orcid="0000-0002-1825-0097"):
    item = Abstract(
        title=text,
        abstract=text,
        authors=(text, "Kofi Mensah"),
        marks=((1,), (1, 2)),
        affiliations=(text, "CERN"),
        orcids=(orcid, ""),
        kind=text,
        time=text,
    )
    return Book(text, text, text, (Session(text, text, (item,)),))


def _code(line):
    match = COMMENT.search(line)
    return line if match is None else line[: match.start() + len(match.group(1))]


def _assert_safe(text):
    source = booktex.render(_book(text))
    template = booktex.render(_book("MARKER"))
    template_starts = {
        m.group(1) for line in template.splitlines() if (m := CONTROL_WORD.match(line))
    }
    depth, lowest, words = 0, 0, set()
    for line in source.splitlines():
        code = _code(line)
        assert code == line, line  # no field adds a comment
        words |= set(CONTROL_WORD.findall(code))
        for char in re.sub(r"\\[{}\\%]", "", code):
            depth += {"{": 1, "}": -1}.get(char, 0)
            lowest = min(lowest, depth)
        start = CONTROL_WORD.match(line)
        # A line starts with a command of the template or of the Markdown walk, or with an
        # escape that prints a character; never with anything else.
        assert (
            start is None or start.group(1) in template_starts | booktex.TEMPLATE_WORDS | ESCAPES
        ), line
    assert (depth, lowest) == (0, 0)
    assert words - VOCABULARY == set()
    assert words & NEVER <= {"usepackage", "documentclass", "newcommand", "DeclareFontShape",
                             "DeclareFontFamily"}  # fmt: skip
    # The preamble's own commands appear exactly as often as in the template.
    for word in ("usepackage", "documentclass", "newcommand", "DeclareFontShape", "begin"):
        pattern = "\\" + word + "{document}" if word == "begin" else "\\" + word
        assert source.count(pattern) == template.count(pattern), word


def test_the_allowed_math_and_the_escapes_read_nothing():
    assert (booktex.MATH_WORDS | booktex.TEMPLATE_WORDS | ESCAPES) & (NEVER - {
        "usepackage", "documentclass", "newcommand", "DeclareFontShape", "DeclareFontFamily"
    }) == set()  # fmt: skip
    assert booktex.MATH_WORDS & {"usepackage", "documentclass", "newcommand"} == set()


@pytest.mark.parametrize("text", WORST)
def test_worst_text_in_every_field_starts_no_command(text):
    _assert_safe(text)


ALPHABET = st.one_of(
    st.sampled_from(list("\\%{}#$&^~_\n\r\t\x00\x0b\x0c\x85\u2028\u2029[]<>|\"'`*-+>! ")),
    st.characters(codec="utf-8"),
)
PIECES = st.sampled_from(["\\input", "\\begin{", "\\end{", "$$", "^^", "\\text{", "```", "$"])
TEXTS = st.lists(st.one_of(PIECES, st.text(ALPHABET, min_size=1, max_size=8)), max_size=8).map(
    "".join
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_in_every_field_starts_no_command(text):
    _assert_safe(text)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        (r"p_T > 5", "$p_T > 5$"),
        (r"\frac{a}{b}^2", r"$\frac{a}{b}^2$"),
        (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", r"$\begin{pmatrix} a & b \\ c & d \end{pmatrix}$"),  # noqa: E501
        (r"\input{/etc/passwd}", r"\texttt{{\textbackslash}input\{/etc/passwd\}}"),
        (r"a^^5cinput", r"\texttt{a{\textasciicircum}{\textasciicircum}5cinput}"),
        (r"a & b", r"\texttt{a \& b}"),
        ("a \\", r"\texttt{a {\textbackslash}}"),
        (r"\frac{a}{b}}{", r"\texttt{{\textbackslash}frac\{a\}\{b\}\}\{}"),
        (r"\begin{verbatim}x\end{verbatim}", r"\texttt{{\textbackslash}begin\{verbatim\}x{\textbackslash}end\{verbatim\}}"),  # noqa: E501
        (r"\begin{pmatrix} a \end{bmatrix}", r"\texttt{{\textbackslash}begin\{pmatrix\} a {\textbackslash}end\{bmatrix\}}"),  # noqa: E501
        (r"a % b", r"\texttt{a \% b}"),
    ],
)  # fmt: skip
def test_math_passes_only_as_math(formula, expected):
    assert booktex.math(formula, display=False) == expected


def test_scripts_pdflatex_cannot_set_are_transliterated_and_cyrillic_kept():
    assert booktex.text("Алиса Иванова") == (
        r"\scriptcyr{{\CYRA}{\cyrl}{\cyri}{\cyrs}{\cyra} {\CYRI}{\cyrv}{\cyra}{\cyrn}{\cyro}{\cyrv}{\cyra}}"  # noqa: E501
    )
    assert booktex.text("王小明 and محمد") == "WangXiaoMing and mhmd"
    assert booktex.text("Ñuñez & Åkesson") == r"\~Nu\~nez \& \r{A}kesson"


BOOK = Book(
    "Online Workshop on Open Data",
    "Book of abstracts",
    "2027-03-01 – 2027-03-02",
    (
        Session(
            "Plenary — Theory",
            "2027-03-01 14:00–15:30 (Europe/Zurich)",
            (
                Abstract(
                    title="Jets at $\\sqrt{s} = 13$ TeV",
                    abstract="We measure *jets* with $p_T > 20$ GeV.\n\n$$\\int_0^1 f\\,dx$$\n\n"
                    "- one [link](https://opendata.cern.ch)\n- two",
                    authors=("Anastasia Kuznetsova (Анастасия Кузнецова)", "Kofi Mensah"),
                    marks=((1,), (2,)),
                    affiliations=(
                        "Joint Institute for Nuclear Research",
                        "University of Cape Town",
                    ),
                    orcids=("", ""),
                    kind="accepted as a talk",
                    time="2027-03-01 14:00 (Europe/Zurich)",
                ),
            ),
        ),
    ),
)


def test_book_source_snapshot():
    assert_snapshot("review/book.tex", booktex.render(BOOK))


def test_pdflatex_reads_no_file_named_in_any_field(tmp_path):
    """The worst cases in every field, through a real pdflatex -no-shell-escape -recorder:
    the .fls lists every file TeX opened; /etc/passwd is not among them and the PDF does not
    hold its text."""
    worst = " ".join(WORST)
    read, text = typeset(tmp_path, "book", booktex.render(_book(worst)))
    assert [line for line in read if "passwd" in line] == []
    assert ("root:" in text, "input{/etc/passwd}" in text) == (False, True)


def test_pdf_of_the_book_holds_its_text_cyrillic_included():
    _pdflatex, pdftotext = tools()
    data = booktex.pdf(booktex.render(BOOK))
    text = subprocess.run(
        [pdftotext, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert [
        "Jets at" in text,
        "Анастасия Кузнецова" in text,
        "Joint Institute for Nuclear Research" in text,
    ] == [True, True, True]
