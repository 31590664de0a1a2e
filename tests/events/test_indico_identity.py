"""The Indico import keeps who is who, in which order, in which track and block, from a
real-shaped ``detail=sessions`` export (tests/data/indico/): the same domain function behind
the page, the command line and the API, with the same summary."""

import datetime as dt
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from science4peace.cli import main
from science4peace.events.domain.imports import do_import_indico
from science4peace.events.domain.programme import read_programme
from science4peace.events.models import Contribution, Event, Session
from science4peace.institutions.models import Institution
from science4peace.lib.indico import email_hash, parse
from science4peace.people.models import Affiliation, Person

EXPORT = Path(__file__).resolve().parents[1] / "data" / "indico" / "workshop-detail-sessions.json"
UTC = dt.UTC


def at(day, hour, minute=0):
    """An instant in October 2026, UTC."""
    return dt.datetime(2026, 10, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def platform(db, speakers):
    """People and an institution already on the platform: namesakes of two speakers (from
    other institutes), one speaker with an ORCID iD, one with a verified account address."""
    ivanova = Person.objects.create(
        given_name="Anna", family_name="Ivanova", orcid="0000-0002-1825-0097"
    )
    account = get_user_model().objects.create_user(username="ivan", email="ivan.petrov@example.org")
    EmailAddress.objects.create(user=account, email=account.email, verified=True, primary=True)
    petrov = Person.objects.create(user=account, given_name="Иван", family_name="Петров")
    ihep = Institution.objects.create(name="Institute of High Energy Physics")
    return {"ivanova": ivanova, "petrov": petrov, "ihep": ihep, "namesakes": speakers}


def _import(organiser):
    return do_import_indico(parse(EXPORT.read_bytes()), actor=organiser)


def _speakers(event, title):
    contribution = Contribution.objects.get(event=event, title=title)
    return [
        (link.person.display_name, link.affiliation) for link in contribution.speaker_links.all()
    ]


def test_the_reader_keeps_blocks_speaker_order_and_identifiers():
    source = parse(EXPORT.read_bytes())
    assert [(b.title, b.start, b.end) for b in source.blocks] == [
        ("Lattice QCD", at(24, 12), at(24, 14)),
        ("Late session for the Pacific", at(24, 23), at(25, 0, 30)),
        ("Lattice QCD", at(25, 13), at(25, 14)),
    ]  # fmt: skip
    first = next(c for c in source.contributions if c.title == "Chiral fermions on the lattice")
    assert [(s.name, s.affiliation, s.orcid) for s in first.speakers] == [
        ("Wei Zhang", "Institute of High Energy Physics", ""),
        ("Anna Ivanova", "Joint Institute for Nuclear Research", "0000-0002-1825-0097"),
    ]
    third = next(c for c in source.contributions if c.title == "Hadron spectrum from open data")
    assert third.speakers[0].email_hash == email_hash("ivan.petrov@example.org")


def test_namesakes_from_other_institutes_are_not_merged(organiser, platform):
    summary = _import(organiser)
    sato, mokoena = platform["namesakes"][1], platform["namesakes"][0]
    talk = Contribution.objects.get(event=summary.event, title="Open configurations for all")
    people = list(talk.speakers.order_by("speaker_links__position"))
    assert [p.display_name for p in people] == ["Haruto Sato", "Thandiwe Mokoena"]
    assert {p.pk for p in people} & {sato.pk, mokoena.pk} == set()
    notes = {n.name: n.detail for n in summary.created}
    assert "a person of the same name exists" in notes["Haruto Sato"]
    assert "no institution has exactly it" in notes["Haruto Sato"]


def test_orcid_and_verified_email_hash_match_existing_people(organiser, platform):
    summary = _import(organiser)
    assert [(n.name, n.person_id, n.how) for n in summary.matched] == [
        ("Anna Ivanova", platform["ivanova"].pk, "orcid"),
        ("Ivan Petrov", platform["petrov"].pk, "email hash"),
    ]
    talk = Contribution.objects.get(event=summary.event, title="Hadron spectrum from open data")
    assert talk.speaker_links.first().person == platform["petrov"]


def test_an_unverified_address_matches_nobody(organiser, platform):
    EmailAddress.objects.filter(email="ivan.petrov@example.org").update(verified=False)
    summary = _import(organiser)
    assert [n.name for n in summary.matched] == ["Anna Ivanova"]
    assert "Ivan Petrov" in [n.name for n in summary.created]


def test_new_people_get_the_affiliation_linked_to_an_exact_institution(organiser, platform):
    summary = _import(organiser)
    assert [n.name for n in summary.created] == [
        "Chioma Okafor",
        "Thandiwe Mokoena",
        "Wei Zhang",
        "Haruto Sato",
    ]
    zhang = Person.objects.get(given_name="Wei", family_name="Zhang")  # one person, three talks
    affiliation = Affiliation.objects.get(person=zhang)
    assert (affiliation.institution, affiliation.start) == (platform["ihep"], dt.date(2026, 10, 24))
    assert _speakers(summary.event, "Chiral fermions on the lattice") == [
        ("Wei Zhang", "Institute of High Energy Physics"),
        ("Anna Ivanova", "Joint Institute for Nuclear Research"),
    ]
    assert Affiliation.objects.filter(person__family_name="Sato").count() == 0


def test_blocks_stay_blocks_and_contributions_keep_their_track(organiser, platform):
    event = _import(organiser).event
    sessions = [
        (s.title, s.start, s.end, s.track.name if s.track else None)
        for s in Session.objects.filter(event=event).order_by("start")
    ]
    assert sessions == [
        ("Lattice QCD", at(24, 12), at(24, 14), "Theory"),
        ("Late session for the Pacific", at(24, 23), at(25, 0, 30), "Experiment"),
        ("Lattice QCD", at(25, 13), at(25, 14), "Theory"),
    ]  # fmt: skip
    tracks = dict(Contribution.objects.filter(event=event).values_list("title", "track__name"))
    assert tracks["Closing: open data for everyone"] == "Experiment"  # in no session
    assert tracks["Poster: detector simulation on open records"] == "Experiment"
    assert tracks["Chiral fermions on the lattice"] == "Theory"


def test_times_across_dst_and_midnight_utc(organiser, platform):
    event = _import(organiser).event
    times = {c.title: (c.start, c.end) for c in Contribution.objects.filter(event=event)}
    assert times["Chiral fermions on the lattice"][0] == at(24, 12)
    assert times["Hadron spectrum from open data"][0] == at(25, 13)
    assert times["Neutrino telescopes in the deep Pacific"] == (
        at(24, 23, 40),
        at(25, 0, 20),
    )
    assert times["Poster: detector simulation on open records"] == (None, None)


def test_speaker_order_is_shown_in_every_display_and_export(client, organiser, platform):
    event = _import(organiser).event
    first, second = "Wei Zhang", "Anna Ivanova"  # Indico's order, not the alphabet's
    programme = client.get(f"/api/events/{event.pk}/programme").json()
    talks = [c for b in programme["blocks"] for c in b["contributions"]]
    chiral = next(c for c in talks if c["title"] == "Chiral fermions on the lattice")
    assert [s["name"] for s in chiral["speakers"]] == [first, second]
    assert chiral["track"] == "Theory"
    schedule = client.get(reverse("events:schedule-json", args=[event.pk])).json()
    frab = [
        t
        for d in schedule["schedule"]["conference"]["days"]
        for room in d["rooms"].values()
        for t in room
    ]
    chiral = next(t for t in frab if t["title"] == "Chiral fermions on the lattice")
    assert [p["public_name"] for p in chiral["persons"]] == [first, second]
    xml = client.get(reverse("events:schedule-xml", args=[event.pk])).content.decode()
    assert xml.index(f">{first}</person>") < xml.index(f">{second}</person>")
    ics = Calendar.from_ical(client.get(reverse("events:ics", args=[event.pk])).content)
    text = next(
        str(c["description"]) for c in ics.walk("VEVENT") if "Chiral" in str(c["description"])
    )
    assert f"Chiral fermions on the lattice — {first}, {second}" in text
    page = client.get(reverse("events:timetable", args=[event.pk])).content.decode()
    assert f"{first}, {second}" in page


@pytest.mark.parametrize("count", [1, 3])
def test_reading_the_programme_with_ordered_speakers_costs_the_same_queries(
    organiser, platform, django_assert_num_queries, count
):
    event = _import(organiser).event
    Contribution.objects.filter(event=event).exclude(
        pk__in=Contribution.objects.filter(event=event).order_by("pk").values("pk")[:count]
    ).delete()
    event.refresh_from_db()
    with django_assert_num_queries(3):  # contributions with their speakers, sessions, tracks
        read_programme(event)


def test_command_line_import_prints_the_summary(tmp_path, capsys, organiser, platform):
    with pytest.raises(SystemExit) as stop:
        main(["events", "import-indico", str(EXPORT), "--event-owner", organiser.email])
    assert stop.value.code == 0
    event = Event.objects.get()
    assert event.roles.get().user == organiser
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"Created event #{event.pk} with 6 contributions (1 unscheduled)")
    assert "Matched: Anna Ivanova — same ORCID iD 0000-0002-1825-0097" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(EXPORT)], "name the event's owner with --event-owner EMAIL"),
        ([str(EXPORT), "--event-owner", "nobody@example.org"], "nobody@example.org"),
        (["/nonexistent.json", "--event-owner", "olga@example.org"], "cannot be read"),
    ],
)
def test_command_line_refuses_bad_input_and_creates_nothing(capsys, organiser, args, message):
    with pytest.raises(SystemExit) as stop:
        main(["events", "import-indico", *args])
    assert (stop.value.code, Event.objects.count()) == (2, 0)
    assert message in capsys.readouterr().err


def test_command_line_refuses_a_file_that_is_not_an_export(tmp_path, capsys, organiser):
    path = tmp_path / "e.json"
    path.write_text("[1]")
    with pytest.raises(SystemExit) as stop:
        main(["events", "import-indico", str(path), "--event-owner", "olga@example.org"])
    assert (stop.value.code, Event.objects.count()) == (2, 0)
    assert "not an Indico export: expected Indico's export of one event" in capsys.readouterr().err


def test_api_import_by_upload_and_by_json_body_give_the_summary(client, auth_headers, platform):
    url = "/api/events/import-indico"
    upload = SimpleUploadedFile("e.json", EXPORT.read_bytes(), content_type="application/json")
    first = client.post(url, {"file": upload}, headers=auth_headers)
    second = client.post(
        url, EXPORT.read_bytes(), content_type="application/json", headers=auth_headers
    )
    assert (first.status_code, second.status_code) == (201, 201)
    one, two = first.json(), second.json()
    assert one["summary"][0].startswith(f"Created event #{one['event']} with 6 contributions")
    assert [n["name"] for n in one["matched"]] == ["Anna Ivanova", "Ivan Petrov"]
    assert two["matched"] == one["matched"]
    # the first import's new people have no ORCID iD or address: nothing shows they are the
    # second export's speakers, so they are created again
    assert [n["name"] for n in two["created"]] == [n["name"] for n in one["created"]]
    assert one["left_out"] == [
        "sessions[0].contributions[1] (Open configurations for all): authors who do not "
        "speak (Lars Nilsson); the programme lists speakers"
    ]
    assert Event.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        (b"not json", 400, "not an Indico export: not JSON"),
        (b"{}", 400, "expected Indico's export of one event"),
        (b"[1]", 400, "expected Indico's export of one event"),
        (b'{"results": [{"title": "x"}]}', 400, "needs a title, a startDate and an endDate"),
    ],
)
def test_api_import_refuses_bad_input_with_the_reason(client, auth_headers, body, status, detail):
    response = client.post(
        "/api/events/import-indico", body, content_type="application/json", headers=auth_headers
    )
    assert (response.status_code, Event.objects.count()) == (status, 0)
    assert detail in response.json()["detail"]


def test_api_import_has_a_size_limit_and_needs_a_token(client, auth_headers, settings):
    settings.S4P_MAX_UPLOAD_BYTES = 1000
    url = "/api/events/import-indico"
    big = client.post(
        url, EXPORT.read_bytes(), content_type="application/json", headers=auth_headers
    )
    assert (big.status_code, big.json()["detail"]) == (
        413,
        f"the export is {EXPORT.stat().st_size} bytes; the limit is 1000 bytes",
    )
    anonymous = client.post(url, b"{}", content_type="application/json")
    assert (anonymous.status_code, Event.objects.count()) == (401, 0)
    nothing = client.post(url, {"other": "x"}, headers=auth_headers)
    assert nothing.status_code == 400
    assert "multipart field 'file'" in nothing.json()["detail"]


def test_the_page_shows_the_same_summary(client, organiser, platform):
    client.force_login(organiser)
    upload = SimpleUploadedFile("e.json", EXPORT.read_bytes())
    response = client.post(reverse("events:import-indico"), {"file": upload}, follow=True)
    event = Event.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    assert shown[0] == (
        f"Created event #{event.pk} with 6 contributions (1 unscheduled), "
        "3 session blocks and 2 tracks."
    )
    assert [line.split(" — ")[0] for line in shown[1:]] == [
        "New person: Chioma Okafor",
        "New person: Thandiwe Mokoena",
        "New person: Wei Zhang",
        "New person: Haruto Sato",
        "Matched: Anna Ivanova",
        "Matched: Ivan Petrov",
        "Left out: sessions[0].contributions[1] (Open configurations for all): authors who "
        "do not speak (Lars Nilsson); the programme lists speakers",
    ]


def test_the_edit_form_lists_speakers_in_order_so_saving_keeps_it(client, organiser, platform):
    event = _import(organiser).event
    talk = Contribution.objects.get(event=event, title="Chiral fermions on the lattice")
    zhang = talk.speaker_links.first().person
    client.force_login(organiser)
    page = client.get(reverse("events:edit-contribution", args=[event.pk, talk.pk]))
    assert page.context["form"].initial["speakers"] == f"#{zhang.pk}\n0000-0002-1825-0097"
