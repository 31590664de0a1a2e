"""Markdown with LaTeX math, rendered on the server: ``$...$`` and ``$$...$$`` become MathML
(no JavaScript, no third-party host), and the HTML is sanitised with an allow-list."""

from __future__ import annotations

import html
from functools import lru_cache

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

MATHML_TAGS = {
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace",
    "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover",
    "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror",
}  # fmt: skip
HTML_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup",
    "sub", "span", "div",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "math": {"display", "xmlns"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mspace": {"width"},
    "mtable": {"columnalign", "rowspacing", "columnspacing"},
    "mtd": {"columnalign"},
    "mi": {"mathvariant"},
    "span": {"class"},
    "code": {"class"},
    "div": {"class"},
    "th": {"align"},
    "td": {"align"},
}


# The cost of rendering is bounded: the input is checked at the boundary (at most 20,000
# characters for a description, core.validators.TEXT_LIMITS) and, for anything that reaches
# here anyway, cut at MAX_INPUT characters (above every limit); Markdown nests at most
# MAX_NESTING levels (deeper quotes and lists are shown as text); a formula longer than
# MAX_FORMULA characters or with braces deeper than MAX_FORMULA_DEPTH is shown as its source.
MAX_INPUT = 25_000
MAX_NESTING = 20
MAX_FORMULA = 2_000
MAX_FORMULA_DEPTH = 20


def _too_deep(latex: str) -> bool:
    depth = 0
    for char in latex:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth > MAX_FORMULA_DEPTH:
            return True
    return False


def _math(latex: str, *, display: bool) -> str:
    if len(latex) > MAX_FORMULA or _too_deep(latex):
        return f'<code class="math-error">{html.escape(latex)}</code>'
    try:
        return latex_to_mathml(latex, display="block" if display else "inline")
    except Exception:  # any malformed formula is shown as its source
        return f'<code class="math-error">{html.escape(latex)}</code>'


def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "maxNesting": MAX_NESTING}
    ).enable("table")
    md.use(
        dollarmath_plugin,
        allow_space=True,
        double_inline=True,
        renderer=lambda content, options: _math(content, display=options.get("display_mode")),
    )
    return md


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return _parser()


def render(text: str) -> str:
    """Safe HTML for Markdown ``text`` with its math as MathML."""
    raw = _md().render((text or "")[:MAX_INPUT])
    return nh3.clean(
        raw,
        tags=HTML_TAGS | MATHML_TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
