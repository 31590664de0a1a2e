import json

import pytest

from science4peace.lib.orgrecords import (
    INTERGOVERNMENTAL,
    UNIVERSITY,
    OrgSourceError,
    parse_organisations,
)
from tests.conftest import AUTHORLISTS


def test_atlas_organisations_are_all_read_with_a_country():
    records = parse_organisations((AUTHORLISTS / "atlas_authlist.xml").read_bytes())
    assert len(records) == 281
    assert [r for r in records if r.country is None] == []


def test_atlas_cern_is_intergovernmental_in_switzerland():
    records = parse_organisations((AUTHORLISTS / "atlas_authlist.xml").read_bytes())
    cern = next(r for r in records if r.source_id == "o34")
    assert (cern.name, cern.country, cern.ror, cern.icns, cern.kind) == (
        "CERN, Geneva, Switzerland",
        "CH",
        "https://ror.org/01ggx4157",
        ["CERN"],
        INTERGOVERNMENTAL,
    )


def test_atlas_latex_accents_are_decoded():
    records = parse_organisations((AUTHORLISTS / "atlas_authlist.xml").read_bytes())
    names = {r.name for r in records}
    assert (
        "Institut für Astro- und Teilchenphysik, Leopold-Franzens-Universität, Innsbruck, Austria"
    ) in names


def test_alice_spires_namespace_organisations_are_read():
    data = (AUTHORLISTS / "2021-07-13-Alice_Authorlist_2021-07-13.xml").read_bytes()
    records = parse_organisations(data)
    jinr = next(r for r in records if r.ror == "https://ror.org/044yd9t77")
    assert (len(records), jinr.country, jinr.kind) == (156, "RU", INTERGOVERNMENTAL)


def test_dune_addresses_without_country_are_left_unplaced():
    data = (AUTHORLISTS / "export_xml_authors_2022-01-25.xml").read_bytes()
    records = parse_organisations(data)
    unplaced = sorted(r.address for r in records if r.country is None)
    assert len(records) == 212
    assert unplaced == [
        "Amarais - Campinas, SP - CEP 13069-901",
        "College Station, Texas 77840",
        "Guangzhou, 510275",
        "Los Angeles, CA 90041",
    ]


ROR_CERN = {
    "id": "https://ror.org/01ggx4157",
    "names": [
        {
            "value": "European Organization for Nuclear Research",
            "types": ["ror_display", "label"],
            "lang": "en",
        },
        {"value": "CERN", "types": ["acronym"], "lang": None},
    ],
    "types": ["facility", "funder"],
    "locations": [
        {
            "geonames_id": 2660646,
            "geonames_details": {
                "country_code": "CH",
                "country_name": "Switzerland",
                "name": "Geneva",
                "lat": 46.2,
                "lng": 6.14,
            },
        },
        {
            "geonames_id": 3005826,
            "geonames_details": {
                "country_code": "FR",
                "country_name": "France",
                "name": "Prévessin-Moëns",
                "lat": 46.25,
                "lng": 6.06,
            },
        },
    ],
    "links": [{"type": "website", "value": "https://home.cern"}],
    "relationships": [],
    "status": "active",
}


def test_ror_record_with_two_locations_takes_the_seat():
    (record,) = parse_organisations(json.dumps(ROR_CERN).encode())
    assert (record.name, record.country, record.ror, record.website) == (
        "European Organization for Nuclear Research",
        "CH",
        "https://ror.org/01ggx4157",
        "https://home.cern",
    )


def test_ror_search_result_items_are_read():
    document = {
        "number_of_results": 1,
        "items": [
            ROR_CERN,
            {
                **ROR_CERN,
                "id": "https://ror.org/044yd9t77",
                "types": ["education"],
                "names": [{"value": "Some University", "types": ["ror_display"]}],
                "relationships": [
                    {"type": "parent", "id": "https://ror.org/01ggx4157", "label": "x"}
                ],
            },
        ],
    }
    records = parse_organisations(json.dumps(document).encode())
    assert [(r.name, r.kind, r.parent_ror) for r in records] == [
        ("European Organization for Nuclear Research", "laboratory", None),
        ("Some University", UNIVERSITY, "https://ror.org/01ggx4157"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<collaborationauthorlist><unclosed></collaborationauthorlist>", "malformed XML"),
        (b"<html></html>", "not an authors.xml"),
        (b'{"id": "https://ror.org/01k4yrm30", "names": []}', "not a ROR v2 record"),
        (
            b'{"id": "https://ror.org/01ggx4157", "names": [{"value": "x", "types": ["label"]}]}',
            "no name of type ror_display",
        ),
        (b"{not json", "malformed JSON"),
        (b"hello", "unknown format"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            b"<collaborationauthorlist>&b;</collaborationauthorlist>",
            "refused XML",
        ),
    ],
)
def test_bad_sources_raise_a_clear_error(data, message):
    with pytest.raises(OrgSourceError, match=message):
        parse_organisations(data)
