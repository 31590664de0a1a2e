"""Issue 12, defect 1: no text that reaches a LaTeX renderer can start a command, end a ``%``
comment or leave its group, whatever the input checks let through. The renderers are fed
through the library's data model directly (bypassing every input check)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexencode import get_builtin_conversion_rules

from science4peace.lib.authorlist.formats import render
from science4peace.lib.authorlist.latex import RENDERERS as HEP
from science4peace.lib.authorlist.latex_astro import RENDERERS as ASTRO
from science4peace.lib.authorlist.model import Affiliation, Author, AuthorList, Organisation
from tests.latex import typeset

FORMATS = sorted(HEP) + sorted(ASTRO)
POLICIES = ["equal-affiliations", "names-orcid", "names-only"]
# ORCID iDs are checked (checksum) before any renderer sees them: an invalid one is refused.
ORCID = "0000-0002-1825-0097"
REPRODUCER = "Алиса\n\\input{/etc/passwd}\n"
HOSTILE = [
    REPRODUCER,
    "x\r\\input{/etc/passwd}",
    "}\\input{/etc/passwd}{",
    "% \n\\input{/etc/passwd}",
    "^^J\\input{/etc/passwd}",
    "\u2028\\input{/etc/passwd}\u0085\\openin5=/etc/passwd",
    "a\tb\x00c\x0cd\x1b",
    "\\ % { } # $ & ^ ~ _",
]
CONTROL_WORD = re.compile(r"\\([A-Za-z@]+)")
# A % that starts a comment: not preceded by an odd number of backslashes.
COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%")


def _code(line):
    """The part of a line TeX reads as code (before the comment)."""
    match = COMMENT.search(line)
    return line if match is None else line[: match.start() + len(match.group(1))]


def _pylatexenc_words():
    words = set()
    for rule in get_builtin_conversion_rules("defaults"):
        for latex in rule.rule.values():
            words |= set(CONTROL_WORD.findall(latex))
    return words


ESCAPES = _pylatexenc_words()
NEVER = {"input", "include", "openin", "read", "readline", "write", "immediate", "catcode",
         "def", "edef", "gdef", "csname", "let", "openout", "special", "directlua", "endinput",
         "usepackage", "documentclass", "begin", "end"}  # fmt: skip


def _authorlist(text, *, orcid=None):
    org = Organisation(key="o1", name=text or "x", address=text, funding=[text])
    author = Author(
        given=text,
        family=text or "x",
        paper_name=text,
        native_name=text,
        orcid=ORCID if orcid is None else orcid,
        affiliations=[Affiliation(organisation="o1")],
    )
    return AuthorList(
        collaboration=text, authors=[author], organisations={"o1": org}, funding=[text]
    )


def _structure(source):
    """What the text of the fields must not change: the comments, the control words, the
    braces (never closed below zero, all closed at the end)."""
    comments, words, depth, lowest = 0, set(), 0, 0
    for line in source.splitlines():
        code = _code(line)
        comments += code != line
        words |= set(CONTROL_WORD.findall(code))
        for char in re.sub(r"\\[{}\\%]", "", code):
            depth += {"{": 1, "}": -1}.get(char, 0)
            lowest = min(lowest, depth)
    return comments, words, depth, lowest


def _assert_safe(fmt, policy, text):
    source = render(_authorlist(text), fmt, policy)
    template = render(_authorlist("MARKER"), fmt, policy)
    comments, words, depth, lowest = _structure(source)
    template_comments, template_words, _, _ = _structure(template)
    assert (depth, lowest) == (0, 0)
    assert comments <= template_comments  # a field can add no comment
    assert words - template_words - ESCAPES == set()  # only the template's and escapes
    assert (words - template_words) & NEVER == set()
    # Every line that is not a line of the template starts with no command of its own.
    template_starts = {CONTROL_WORD.match(line).group(1) for line in template.splitlines()
                       if CONTROL_WORD.match(line)}  # fmt: skip
    for line in source.splitlines():
        start = CONTROL_WORD.match(line)
        # A line may start with a template command or with an escape that prints a
        # character (``\r{A}`` is Å), never with anything else.
        assert start is None or start.group(1) in template_starts | ESCAPES, line


def test_the_escapes_of_pylatexenc_print_characters_and_read_nothing():
    assert set() == ESCAPES & NEVER


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_in_every_field_starts_no_command(fmt, policy, text):
    _assert_safe(fmt, policy, text)


ALPHABET = st.one_of(
    st.sampled_from(list("\\%{}#$&^~_\n\r\t\x00\x0b\x0c\x85\u2028\u2029[]<>|\"' ")),
    st.characters(codec="utf-8"),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(ALPHABET, min_size=1, max_size=40))
def test_any_unicode_in_every_field_of_every_format_starts_no_command(text):
    for fmt in FORMATS:
        _assert_safe(fmt, "names-orcid", text)


def test_reproducer_native_name_stays_inside_its_comment():
    author = AuthorList(
        collaboration="",
        authors=[Author(given="Alisa", family="Ivanova", native_name=REPRODUCER)],
        organisations={},
    )
    source = render(author, "revtex", "names-only")
    assert [line for line in source.splitlines() if "Ivanova" in line] == [
        r"\author{A.~Ivanova} % Алиса \input{/etc/passwd}"
    ]


@pytest.mark.parametrize("fmt", ["revtex", "elsarticle", "aastex631", "mnras"])
def test_pdflatex_reads_no_file_named_in_any_field(tmp_path, fmt):
    """The worst cases in every field, through a real pdflatex -no-shell-escape -recorder:
    the .fls lists every file TeX opened; /etc/passwd is not among them and the PDF does
    not hold its text."""
    worst = "Алиса\n\\input{/etc/passwd}\n}\\input{/etc/passwd}{ % \r\\input{/etc/passwd}"
    read, text = typeset(tmp_path, "list", render(_authorlist(worst), fmt, "names-orcid"))
    assert [line for line in read if "passwd" in line] == []
    assert ("root:" in text, "input" in text) == (False, True)  # printed as text, not run
