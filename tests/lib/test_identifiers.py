import pytest
from hypothesis import given
from hypothesis import strategies as st

from science4peace.lib.orcid import InvalidOrcid, check_digit, normalise_orcid
from science4peace.lib.ror import InvalidRor, normalise_ror


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0097", "0000-0002-1694-233X", "0009-0006-8766-226X"]
)
def test_orcid_real_ids_are_valid(orcid):
    assert normalise_orcid(orcid) == orcid


def _outcome(text):
    try:
        return normalise_orcid(text)
    except InvalidOrcid as exc:
        return exc.reason


@given(st.from_regex(r"\A[0-9\u0660-\u0669]{4}-\d{4}-\d{4}-\d{3}[\dXx]\Z"))
def test_orcid_written_form_reads_as_the_rewritten_one(text):
    """The hyphenated form takes a shorter way (the lists write it so): the same iD or
    the same refusal as with a space before it, which takes the long one."""
    assert _outcome(text) == _outcome(" " + text)


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0098", "0000-0000-0000-0000"])
def test_orcid_wrong_check_digit_is_rejected_as_checksum(orcid):
    with pytest.raises(InvalidOrcid) as raised:
        normalise_orcid(orcid)
    assert raised.value.reason == "checksum"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("000000021825 0097".replace(" ", ""), "0000-0002-1825-0097"),
        (" orcid.org/0009-0006-8766-226X ", "0009-0006-8766-226X"),
    ],
)
def test_orcid_is_normalised_from_common_spellings(text, expected):
    assert normalise_orcid(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "0000-0002-1825", "abcd-0002-1825-0097", "0000-0002-1825-00977", "0000-0002-1825-009Y"],
)
def test_orcid_malformed_is_rejected_as_format(text):
    with pytest.raises(InvalidOrcid) as raised:
        normalise_orcid(text)
    assert raised.value.reason == "format"


def test_orcid_check_digit_of_documented_example():
    assert check_digit("000000021825009") == "7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01ggx4157", "https://ror.org/01ggx4157"),
        ("https://ror.org/01GGX4157", "https://ror.org/01ggx4157"),
        ("ror.org/044yd9t77", "https://ror.org/044yd9t77"),
    ],
)
def test_ror_real_ids_are_valid_and_normalised(text, expected):
    assert normalise_ror(text) == expected


def test_ror_wrong_checksum_is_rejected():
    with pytest.raises(InvalidRor) as raised:
        normalise_ror("01k4yrm30")
    assert raised.value.reason == "checksum"


@pytest.mark.parametrize("text", ["", "11ggx4157", "01ggx415", "01ggu4157", "https://ror.org/"])
def test_ror_malformed_is_rejected_as_format(text):
    with pytest.raises(InvalidRor) as raised:
        normalise_ror(text)
    assert raised.value.reason == "format"


@given(st.text(st.sampled_from("0123456789"), min_size=15, max_size=15))
def test_orcid_check_digit_is_the_mod_11_2_sum_of_the_digits(digits):
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    assert check_digit(digits) == ("X" if result == 10 else str(result))
