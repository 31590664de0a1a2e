"""The one definition of "control character" (lib.textsafety) has a character-by-character
form (first_control) and a regular-expression form (without_controls, one_line); they must
agree on every code point."""

import sys

from science4peace.lib.textsafety import first_control, one_line, without_controls

EVERY_CHARACTER = "".join(
    chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
)


def test_without_controls_removes_exactly_what_one_line_text_refuses():
    kept = "".join(char for char in EVERY_CHARACTER if first_control(char) is None)
    assert without_controls(EVERY_CHARACTER) == kept


def test_without_controls_in_long_text_keeps_exactly_line_feed_return_and_tab_besides():
    kept = "".join(char for char in EVERY_CHARACTER if first_control(char, multiline=True) is None)
    assert without_controls(EVERY_CHARACTER, multiline=True) == kept
    assert (without_controls("\n\r\t\x00"), without_controls("\n\r\t\x00", multiline=True)) == (
        "",
        "\n\r\t",
    )


def test_one_line_leaves_nothing_one_line_text_refuses():
    assert (first_control(one_line(EVERY_CHARACTER)), one_line("a\r\n\x00b")) == (None, "a b")
