"""Our folding of iCalendar lines gives icalendar's bytes for any line."""

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import Contentline

from science4peace.events.interfaces.calendars import _fold

# one-, two-, three- and four-byte characters, and the escapes folding keeps together
LINES = st.text(alphabet=st.sampled_from(list("ab ,;:\\^—é€😀")), max_size=400)


@settings(max_examples=500)
@given(LINES)
def test_fold_gives_icalendars_bytes(line):
    assert _fold(line) == Contentline(line).to_ical()


def test_fold_keeps_a_backslash_with_what_it_escapes():
    line = "DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 10
    assert _fold(line) == Contentline(line).to_ical()
    assert _fold(line).split(b"\r\n ")[1].startswith(b"\\n")
