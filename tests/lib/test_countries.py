import pytest

from science4peace.lib.countries import (
    MEMBER,
    NON_MEMBER,
    OBSERVER,
    all_countries,
    country_code_from_address,
    localized_country_name,
)


def test_countries_have_193_un_members_and_two_observers():
    countries = all_countries()
    assert sum(c.un_status == MEMBER for c in countries) == 193
    assert sorted(c.code for c in countries if c.un_status == OBSERVER) == ["PS", "VA"]


def test_countries_include_kosovo_as_non_member():
    kosovo = [c for c in all_countries() if c.code == "XK"]
    assert [(c.name, c.un_status) for c in kosovo] == [("Kosovo", NON_MEMBER)]


def test_countries_codes_are_unique():
    codes = [c.code for c in all_countries()]
    assert len(codes) == len(set(codes)) == 250


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("CERN, Geneva, Switzerland", "CH"),
        ("Joint Institute for Nuclear Research, Dubna, Russia", "RU"),
        ("Chicago IL, United States of America", "US"),
        ("Batavia, IL 60510, USA", "US"),
        ("Medellín, 050026 Colombia", "CO"),
        ("Dubna, Moscow Region, 141980 RU", "RU"),
        ("Nablus, Palestine", "PS"),
        ("Bratislava, Slovak Republic", "SK"),
        ("Praha, Czech Republic", "CZ"),
        ("Clear Water Bay, Kowloon, Hong Kong, China", "CN"),
        ("Prishtina, Kosovo", "XK"),
    ],
)
def test_country_from_address_reads_the_last_place(address, code):
    assert country_code_from_address(address) == code


def test_country_from_address_with_several_places_is_the_seat():
    assert country_code_from_address("Geneva, Switzerland; Prévessin, France") == "CH"


def test_country_from_address_without_country_is_none():
    assert country_code_from_address("Los Angeles, CA 90041") is None


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("CH", "ru", "Швейцария"),
        ("CH", "uk", "Швейцарія"),
        ("CH", "ar", "سويسرا"),
        ("PS", "en", "Palestine, State of"),
        ("XK", "ru", "Kosovo"),
        ("ZZ", "ru", "ZZ"),
    ],
)
def test_country_names_follow_the_interface_language(code, language, name):
    assert localized_country_name(code, language) == name
