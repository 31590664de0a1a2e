"""Writing an XML document from plain tuples, indented, fast (framework-free).

Building an ElementTree and writing it with ``ET.indent`` and ``ET.tostring`` costs about
20 ms for the 7,000 elements of a 300-talk frab schedule, mostly one Python call per element
to build it and one write per tag, attribute and text to serialize it. Here a document is
nested tuples, ``(tag, attributes, content)``, where ``content`` is the element's text (a str,
or None) or its child elements (a list), and :func:`indented` joins strings once. The output
is, character for character, what ElementTree writes for the same elements after
``ET.indent`` (two spaces); a property test holds it to that. Mixed content (text beside
child elements), namespaces, comments and processing instructions have no tuple form.

A child may also be a string: an element written already by the caller (with :func:`leaf`,
say), its inner lines indented for its depth; it is written at its place as it is. Thousands
of elements of one shape (a schedule's talks) are written fastest that way.
"""

from __future__ import annotations

# (tag, attributes, text or children); attributes keep their order, as ElementTree's do
Node = tuple[str, dict[str, str], str | list["Node | str"] | None]

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def escape_text(text: str) -> str:
    """Character data as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(value: str) -> str:
    """An attribute value as ElementTree escapes it (line ends and tabs as references)."""
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def _leaf(opened: str, tag: str, text: str | list[Node | str] | None) -> str:
    """An element without children: its text, or the short empty form."""
    return (
        f"{opened}>{escape_text(text)}</{tag}>"
        if isinstance(text, str) and text
        else opened + " />"
    )


def leaf(tag: str, text: str | None, attributes: str = "") -> str:
    """An element without children as :func:`indented` writes it; ``attributes`` written
    already (`` id="1"``, values escaped with :func:`escape_attribute`)."""
    if text:
        return f"<{tag}{attributes}>{escape_text(text)}</{tag}>"
    return f"<{tag}{attributes} />"


def _open(tag: str, attributes: dict[str, str]) -> str:
    if not attributes:
        return "<" + tag
    return "<" + tag + "".join(f' {name}="{escape_attribute(v)}"' for name, v in attributes.items())


def _write(node: Node, indent: str, out: list[str]) -> None:
    """``node`` at the position that follows ``indent`` (a line break and spaces); leaves,
    most of a document, are written without a call of this function each."""
    tag, attributes, content = node
    if not isinstance(content, list) or not content:
        out.append(_leaf(_open(tag, attributes), tag, content))
        return
    inner = indent + "  "
    out.append(_open(tag, attributes) + ">")
    for child in content:
        out.append(inner)
        if isinstance(child, str):  # an element written already
            out.append(child)
            continue
        child_tag, child_attributes, child_content = child
        if isinstance(child_content, list) and child_content:
            _write(child, inner, out)
        else:
            out.append(_leaf(_open(child_tag, child_attributes), child_tag, child_content))
    out.append(f"{indent}</{tag}>")


def indented_text(root: Node) -> str:
    """The document as ``ET.tostring(root, encoding="unicode")`` writes the same elements
    after ``ET.indent(root)``."""
    out: list[str] = []
    _write(root, "\n", out)
    return "".join(out)


def indented(root: Node) -> bytes:
    """The document as ``ET.tostring(root, encoding="utf-8", xml_declaration=True)`` writes
    the same elements after ``ET.indent(root)``."""
    return (DECLARATION + indented_text(root)).encode("utf-8", "xmlcharrefreplace")
