"""The tuple XML writer writes, character for character, what ElementTree writes for the same
elements after ``ET.indent``."""

from xml.etree import ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from science4peace.lib.xmlwriter import Node, indented, indented_text

TAGS = st.sampled_from(["a", "b", "event", "person", "x-y", "n_1"])
# text with everything that needs escaping, blanks, and characters beyond ASCII
TEXT = st.text(alphabet=st.sampled_from(list("ab &<>\"'\r\n\t é—😀")), max_size=12)
ATTRIBUTES = st.dictionaries(st.sampled_from(["id", "guid", "name", "href"]), TEXT, max_size=3)


LEAVES = st.tuples(TAGS, ATTRIBUTES, st.one_of(st.none(), TEXT, st.just([])))
NODES = st.recursive(
    LEAVES,
    lambda children: st.tuples(TAGS, ATTRIBUTES, st.lists(children, max_size=4)),
    max_leaves=30,
)


def _element(node: Node, parent: ET.Element | None = None) -> ET.Element:
    tag, attributes, content = node
    element = ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag)
    element.attrib.update(attributes)
    if isinstance(content, list):
        for child in content:
            _element(child, element)
    else:
        element.text = content
    return element


def _by_elementtree(node: Node, **options) -> bytes | str:
    root = _element(node)
    ET.indent(root)
    return ET.tostring(root, **options)


@settings(max_examples=300)
@given(NODES)
def test_indented_writes_what_elementtree_writes(node):
    assert indented(node) == _by_elementtree(node, encoding="utf-8", xml_declaration=True)
    assert indented_text(node) == _by_elementtree(node, encoding="unicode")


def test_indented_writes_a_small_document():
    document = (
        "schedule",
        {},
        [
            ("generator", {"name": "s4p", "version": "1"}, None),
            ("title", {}, "Quarks & <gluons>"),
            ("persons", {}, []),
            ("room", {"name": 'A "big" one'}, [("event", {"id": "1"}, [("subtitle", {}, "")])]),
        ],
    )
    assert indented(document).decode() == (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<schedule>\n"
        '  <generator name="s4p" version="1" />\n'
        "  <title>Quarks &amp; &lt;gluons&gt;</title>\n"
        "  <persons />\n"
        '  <room name="A &quot;big&quot; one">\n'
        '    <event id="1">\n'
        "      <subtitle />\n"
        "    </event>\n"
        "  </room>\n"
        "</schedule>"
    )


def test_a_child_written_already_is_written_at_its_place_as_it_is():
    written = '<event id="2">\n      <title>B</title>\n    </event>'
    document = ("schedule", {}, [("room", {}, [("event", {"id": "1"}, "A"), written])])
    assert indented_text(document) == (
        "<schedule>\n"
        "  <room>\n"
        '    <event id="1">A</event>\n'
        '    <event id="2">\n'
        "      <title>B</title>\n"
        "    </event>\n"
        "  </room>\n"
        "</schedule>"
    )
