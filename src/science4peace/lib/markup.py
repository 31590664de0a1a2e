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


def _math(latex: str, *, display: bool) -> str:
    try:
        return latex_to_mathml(latex, display="block" if display else "inline")
    except Exception:  # any malformed formula is shown as its source
        return f'<code class="math-error">{html.escape(latex)}</code>'


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
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
    raw = _md().render(text or "")
    return nh3.clean(
        raw,
        tags=HTML_TAGS | MATHML_TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
