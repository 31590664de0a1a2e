from hypothesis import given
from hypothesis import strategies as st

from science4peace.lib.csvcells import safe_row, safe_rows

# Cells that begin with each trigger, numbers, NUL bytes, and values that are not texts.
cells = st.text(st.sampled_from("=+-@\t\r\x001.eAa ;'")) | st.integers() | st.none()


@given(st.lists(st.lists(cells, max_size=6), max_size=6))
def test_safe_rows_are_safe_row_of_each_row(rows):
    assert safe_rows(rows) == [safe_row(row) for row in rows]


def test_safe_rows_quote_a_formula_and_keep_a_number():
    assert safe_rows([["=HYPERLINK(1)", "-3", "Lee"], ["Ann", "+x"]]) == [
        ["'=HYPERLINK(1)", "-3", "Lee"],
        ["Ann", "'+x"],
    ]
