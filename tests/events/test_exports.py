import datetime as dt
import json
import subprocess

import jsonschema
from defusedxml import ElementTree as ET
from django.urls import reverse
from icalendar import Calendar

from science4peace.events.domain.changes import do_save_contribution
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Session
from tests.conftest import DATA

FRAB = DATA / "frab"


def test_frab_xml_is_valid_against_the_c3voc_schema(client, conference, tmp_path):
    response = client.get(reverse("events:schedule-xml", args=[conference.pk]))
    path = tmp_path / "schedule.xml"
    path.write_bytes(response.content)
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(FRAB / "schedule.xml.xsd"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = response.content.decode()
    assert "<time_zone_name>Europe/Zurich</time_zone_name>" in text
    assert "<date>2026-10-24T14:00:00+02:00</date>" in text  # summer time
    assert "<date>2026-10-25T14:00:00+01:00</date>" in text  # winter time
    assert '<room name="Track A">' in text


def test_schedule_xml_is_what_elementtree_writes_for_it_after_indenting(
    client, conference, organiser, speakers
):
    """The talks' <event>s are written as strings (frab._event_xml): the document must stay,
    character for character, what ElementTree writes for the same elements."""
    from xml.etree import ElementTree as StdET

    session = Session.objects.filter(event=conference, track__name="Track A").first()
    contribution = do_save_contribution(
        conference,
        actor=organiser,
        title='Quarks & <gluons> "é" 😀',
        kind="talk",
        duration=15,
        abstract="a < b & c > d\nsecond line",
        session=session,
        start=session.start + dt.timedelta(minutes=30),
        speakers=[speakers[1], speakers[0]],
    )
    Contribution.objects.filter(pk=contribution.pk).update(
        slides="slides/x.pdf", recording_url='https://media.example.org/v?a=1&b="2"'
    )
    later = session.start + dt.timedelta(minutes=50)
    do_save_contribution(
        conference, actor=organiser, title="No one", kind="poster", duration=5,
        session=session, start=later,
    )  # fmt: skip
    content = client.get(reverse("events:schedule-xml", args=[conference.pk])).content
    root = ET.fromstring(content)
    StdET.indent(root)
    assert content == StdET.tostring(root, encoding="utf-8", xml_declaration=True)
    assert b"<persons />" in content
    assert b'type="video">Recording</link>' in content
    assert b'type="slides">Slides</attachment>' in content


def test_an_invalid_document_fails_the_same_xmllint_check(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<schedule><version>1</version></schedule>")
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", str(FRAB / "schedule.xml.xsd"), str(path)],
        capture_output=True,
        check=False,
    )
    assert result.returncode != 0


def _validator():
    schema = json.loads((FRAB / "schema.json").read_text())
    return jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


def test_schedule_json_is_valid_against_the_c3voc_schema(client, conference):
    document = client.get(reverse("events:schedule-json", args=[conference.pk])).json()
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(document)]
    assert errors == []
    days = document["schedule"]["conference"]["days"]
    assert [d["date"] for d in days] == ["2026-10-24", "2026-10-25"]
    talk = days[1]["rooms"]["Track B"][0]
    assert (talk["date"], talk["persons"][0]["public_name"]) == (
        "2026-10-25T14:00:00+01:00",
        "Haruto Sato",
    )
    broken = dict(document, schedule={"conference": {}})
    assert list(_validator().iter_errors(broken))


def _keys(document):
    """The key sets of each level of a schedule.json: conference, room, day, talk, person."""
    conference = document["schedule"]["conference"]
    talks = [t for day in conference["days"] for room in day["rooms"].values() for t in room]
    persons = [p for t in talks for p in t["persons"]]
    return {
        "document": set(document),
        "schedule": set(document["schedule"]),
        "conference": set(conference),
        "room": set().union(*(set(r) for r in conference["rooms"])),
        "day": set().union(*(set(d) for d in conference["days"])),
        "talk": set().union(*(set(t) for t in talks)),
        "person": set().union(*(set(p) for p in persons)),
    }


def test_schedule_json_carries_every_field_pretalx_carries(client, conference):
    pretalx = _keys(json.loads((FRAB / "pretalx-democon.json").read_text()))
    ours = _keys(client.get(reverse("events:schedule-json", args=[conference.pk])).json())
    missing = {level: sorted(keys - ours[level]) for level, keys in pretalx.items()}
    assert missing == {level: [] for level in pretalx}


def test_schedule_xml_carries_the_fields_of_pretalx_talks(client, conference):
    root = ET.fromstring(client.get(reverse("events:schedule-xml", args=[conference.pk])).content)
    event = root.find("day/room/event")
    # pretalx's talk keys as schedule.xml writes them (recording_license and do_not_record
    # are recording/license and recording/optout there)
    wanted = {"room", "title", "subtitle", "type", "date", "start", "duration", "abstract",
              "slug", "track", "logo", "persons", "language", "description", "recording",
              "links", "attachments", "url"}  # fmt: skip
    assert wanted - {child.tag for child in event} == set()
    assert [child.tag for child in event.find("recording")] == ["license", "optout"]
    person = event.find("persons/person")
    assert (sorted(person.attrib), person.text) == (["guid", "id"], "Thandiwe Mokoena")


def test_pyfahrplan_reads_our_schedule_json(client, conference):
    import requests_cache
    from pyfahrplan.lib import Fahrplan

    requests_cache.uninstall_cache()  # importing pyfahrplan installs a cache for requests
    document = client.get(reverse("events:schedule-json", args=[conference.pk])).json()
    plan = Fahrplan.__new__(Fahrplan)  # without downloading the CCC schedules it knows
    plan.fahrplans = [document["schedule"]]
    plan.flatten_fahrplans()
    talks = [
        (t["title"], t["speakers"], t["track"], t["talk_description"]) for t in plan.flat_plans
    ]
    assert talks == [
        ("Talk Track A 1", "Thandiwe Mokoena", "Track A", ""),
        ("Talk Track B 1", "Haruto Sato", "Track B", ""),
        ("Break", "", "", ""),
        ("Talk Track A 2", "Thandiwe Mokoena", "Track A", ""),
        ("Talk Track B 2", "Haruto Sato", "Track B", ""),
        ("Break", "", "", ""),
    ]


def test_event_ical_round_trips_the_programme_across_dst(client, conference):
    response = client.get(reverse("events:ics", args=[conference.pk]))
    calendar = Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    day1, day2 = events["Track A day 1"], events["Track A day 2"]
    assert day1["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert day1.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2026, 10, 24, 12, tzinfo=dt.UTC
    )
    assert day2.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2026, 10, 25, 13, tzinfo=dt.UTC
    )
    stored = {s.title: (s.start, s.end) for s in Session.objects.filter(event=conference)}
    for title, vevent in events.items():
        if title != "Break":
            assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == stored[title]
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_session_ical(client, conference):
    session = Session.objects.filter(event=conference, kind="session").first()
    response = client.get(reverse("events:session-ics", args=[conference.pk, session.pk]))
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == session.title


def test_my_agenda_has_the_video_links_and_only_my_events(client, conference, user):
    client.force_login(user)
    assert not Calendar.from_ical(client.get(reverse("events:my-agenda")).content).walk("VEVENT")
    do_register(conference, user=user, consent=True)
    agenda = Calendar.from_ical(client.get(reverse("events:my-agenda")).content)
    sessions = [e for e in agenda.walk("VEVENT") if str(e["SUMMARY"]) != "Break"]
    assert len(sessions) == 4
    for vevent in sessions:
        assert f"/events/{conference.pk}/join/" in str(vevent["LOCATION"])
        assert "Video room: http://testserver/events/" in str(vevent["DESCRIPTION"])


def test_programme_in_the_api(client, conference):
    data = client.get(f"/api/events/{conference.pk}/programme").json()
    assert data["event"]["timezone"] == "Europe/Zurich"
    assert data["tracks"] == ["Track A", "Track B"]
    first = data["blocks"][0]
    assert first["start"] == "2026-10-24T12:00:00Z"
    assert first["contributions"][0]["speakers"][0]["name"] in {"Thandiwe Mokoena", "Haruto Sato"}
