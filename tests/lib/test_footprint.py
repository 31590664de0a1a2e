"""Travel footprint: the EGU 2019 figures reproduced, great-circle distances, scenarios, the
offline place lookup and bad input."""

import csv
import json

import numpy as np
import pytest

from science4peace.cli import main
from science4peace.lib.footprint import (
    Attendees,
    FootprintError,
    best_venue,
    great_circle_km,
    hubs,
    in_person,
    online,
    online_beyond,
    read_attendees,
    table,
)
from science4peace.lib.footprint.places import place
from tests.conftest import DATA

EGU = DATA / "footprint"


@pytest.fixture(scope="module")
def egu():
    with open(EGU / "egu2019_data_processed.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    distance = np.array([float(r["Distance to Vienna"]) for r in rows])
    people = np.array([float(r["Numbers"]) * float(r["Fraction"]) for r in rows])
    where = Attendees(
        tuple(r["City"] for r in rows),
        np.array([float(r["Latitude"]) for r in rows]),
        np.array([float(r["Longitude"]) for r in rows]),
        people,
    )
    return distance, people, where


def test_egu_2019_is_reproduced(egu):
    distance, people, _where = egu
    tonnes = table("egu2019").round_trip_kg(distance, people).sum() / 1000
    assert tonnes == pytest.approx(22_302, rel=0.005)
    by_rail = table("egu2019").round_trip_kg(distance, people, ground_below_km=1500).sum() / 1000
    assert by_rail == pytest.approx(19_750, rel=0.005)


def test_our_great_circle_distances_agree_with_the_published_column(egu):
    distance, _people, where = egu
    ours = great_circle_km(where.lat, where.lon, 48.21, 16.37)
    assert np.abs(ours - distance).max() < 0.02 * distance.max()
    total = in_person(where, (48.21, 16.37), table("egu2019")).tonnes
    assert total == pytest.approx(22_302, rel=0.01)


def test_klower_bands():
    factors = table("klower2020")
    assert factors.grams_per_pkm(np.array([399, 400, 1499, 1500, 7999, 8000])).tolist() == [
        60, 200, 200, 250, 250, 300,
    ]  # fmt: skip
    assert "Nature 583" in factors.source


def test_scenarios_order_as_they_should(egu):
    _distance, _people, where = egu
    factors = table("egu2019")
    vienna = in_person(where, (48.21, 16.37), factors)
    assert online(where, factors).tonnes == 0
    partly = online_beyond(where, (48.21, 16.37), factors, 1500)
    assert 0 < partly.tonnes < vienna.tonnes
    assert partly.travelling + partly.online == where.total
    best = best_venue(where, where, factors)
    assert best.tonnes <= vienna.tonnes * 1.01
    one, three = hubs(where, where, factors, 1), hubs(where, where, factors, 3)
    assert one.tonnes == pytest.approx(best.tonnes)  # one hub is the best single venue
    assert len(three.venues) == 3
    assert three.tonnes < one.tonnes / 2


def test_a_typed_city_is_placed_offline():
    lat, lon = place("Geneva", "Switzerland")
    assert great_circle_km(lat, lon, 46.20, 6.14) < 10
    assert place("Zürich", "CH") is not None
    assert place("Kyiv", "Ukraine") is not None
    assert place("Atlantis", "Nowhere") is None


def test_unplaceable_rows_are_all_listed():
    text = "city,country,lat,lon,count\nGeneva,Switzerland,,,3\nAtlantis,,,,2\nNowhere,Chad,,,1\n"
    with pytest.raises(FootprintError) as error:
        read_attendees(text)
    assert "row 3: Atlantis, ?" in str(error.value)
    assert "row 4: Nowhere, Chad" in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("city,lat,lon\nX,1,2\n", "missing: country, count"),
        ("city,country,lat,lon,count\nX,Y,1,2,many\n", "row 2: count 'many' is not a number"),
        ("city,country,lat,lon,count\nX,Y,95,2,1\n", "row 2: (95.0, 2.0) is not a position"),
        ("city,country,lat,lon,count\n", "no rows"),
    ],
)
def test_a_malformed_csv_says_what_is_wrong(text, message):
    with pytest.raises(FootprintError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_attendees(text)


def test_cli_json(tmp_path, capsys):
    path = tmp_path / "attendees.csv"
    path.write_text(
        "city,country,lat,lon,count\nGeneva,Switzerland,,,30\nDubna,Russia,56.74,37.17,12\n"
    )
    with pytest.raises(SystemExit) as stop:
        main(["footprint", "--attendees", str(path), "--venue", "46.2,6.1", "--json",
              "--scenario", "in-person", "--scenario", "online"])  # fmt: skip
    assert stop.value.code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["attendees"] == 42
    in_person_t = out["scenarios"][0]["tCO2e"]
    dubna = great_circle_km(56.74, 37.17, 46.2, 6.1)  # about 2,400 km: 250 g/pkm
    geneva = great_circle_km(*place("Geneva", "Switzerland"), 46.2, 6.1)  # by ground, 60 g
    expected = (12 * 2 * dubna * 250 + 30 * 2 * geneva * 60) / 1e6
    assert in_person_t == pytest.approx(expected, abs=0.05)
    assert out["scenarios"][1]["tCO2e"] == 0


def test_cli_bad_venue_exits_2(tmp_path, capsys):
    path = tmp_path / "attendees.csv"
    path.write_text("city,country,lat,lon,count\nGeneva,Switzerland,,,30\n")
    with pytest.raises(SystemExit) as stop:
        main(["footprint", "--attendees", str(path), "--venue", "Geneva"])
    assert stop.value.code == 2
    assert "write it as LAT,LON" in capsys.readouterr().err


PUBLISHED = ["--column", "city=City", "--column", "country=Country", "--column", "lat=Latitude",
             "--column", "lon=Longitude", "--column", "count=Numbers",
             "--column", "weight=Fraction"]  # fmt: skip


def _cli_json(capsys, *args):
    with pytest.raises(SystemExit) as stop:
        main(["footprint", "--json", *args])
    assert stop.value.code == 0
    return json.loads(capsys.readouterr().out)


def test_cli_reproduces_egu_2019_from_the_published_csv(capsys):
    csv_path = str(EGU / "egu2019_data_processed.csv")
    given = [*PUBLISHED, "--column", "distance=Distance to Vienna", "--factors", "egu2019"]
    flying = _cli_json(capsys, "--attendees", csv_path, *given, "--scenario", "in-person")
    by_rail = _cli_json(
        capsys, "--attendees", csv_path, *given, "--scenario", "in-person", "--ground-below", "1500"
    )
    assert (flying["scenarios"][0]["tCO2e"], by_rail["scenarios"][0]["tCO2e"]) == (
        22_302.1,
        19_750.2,
    )  # published: 22,302 t and 19,750 t
    assert flying["attendees"] == pytest.approx(16_227, abs=0.5)  # Numbers × Fraction, real
    assert by_rail["scenarios"][0]["scenario"] == "in person (ground under 1500 km)"


def test_real_counts_and_weights_are_people(tmp_path):
    text = "city,country,lat,lon,count,weight\nBerlin,Germany,52.5,13.4,2587,0.2\nX,Y,1,2,2.5,1\n"
    attendees = read_attendees(text)
    assert attendees.counts.tolist() == pytest.approx([517.4, 2.5])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X,Y,1,2,-1", "row 2: count '-1' is negative; it must be ≥ 0"),
        ("X,Y,1,2,-0.5", "row 2: count '-0.5' is negative; it must be ≥ 0"),
        ("X,Y,1,2,many", "row 2: count 'many' is not a number"),
        ("X,Y,1,2,nan", "row 2: count 'nan' is not a finite number"),
        ("X,Y,1,2,inf", "row 2: count 'inf' is not a finite number"),
        ("X,Y,1,2,", "row 2: count '' is not a number"),
    ],
)
def test_counts_that_are_not_non_negative_numbers_are_refused(row, message):
    with pytest.raises(FootprintError) as error:
        read_attendees(f"city,country,lat,lon,count\n{row}\n")
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--column", "count"], "--column 'count': write it as NAME=HEADER"),
        (["--column", "people=Numbers"], "unknown column people"),
        (["--column", "weight=Share"], "missing: Share"),
        (["--column", "distance=d", "--venue", "1,2"], "missing: d"),
        (["--ground-below", "-5", "--venue", "1,2"], "--ground-below -5: a distance is ≥ 0"),
    ],
)
def test_cli_refuses_bad_columns_and_options(tmp_path, capsys, args, message):
    path = tmp_path / "attendees.csv"
    path.write_text("city,country,lat,lon,count\nX,Y,1,2,1.5\n")
    with pytest.raises(SystemExit) as stop:
        main(["footprint", "--attendees", str(path), *args])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_refuses_a_venue_beside_given_distances(tmp_path, capsys):
    path = tmp_path / "attendees.csv"
    path.write_text("city,country,lat,lon,count,distance\nX,Y,1,2,1.5,300\n")
    with pytest.raises(SystemExit) as stop:
        main(["footprint", "--attendees", str(path), "--venue", "1,2"])
    assert stop.value.code == 2
    assert "--venue and a distance column exclude each other" in capsys.readouterr().err
