import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.events.domain.imports import do_import_indico
from science4peace.events.models import Contribution, Event, Session
from science4peace.lib.indico import IndicoError, parse


def _when(date, time, tz="Europe/Zurich"):  # one of Indico's {date, time, tz} values
    return {"date": date, "time": time, "tz": tz}


def _contribution(cid, title, start, end, minutes, session=None, speakers=()):
    return {
        "_type": "Contribution", "id": cid, "title": title, "description": "",
        "startDate": start, "endDate": end, "duration": minutes, "session": session,
        "track": None, "type": None, "room": None, "location": "CERN",
        "speakers": list(speakers),
    }  # fmt: skip


def D1(hhmm):
    return _when("2011-06-23", f"{hhmm}:00")


def D2(hhmm):
    return _when("2011-06-24", f"{hhmm}:00")


# The example of Indico's HTTP API documentation (detail=contributions), with speakers as
# current Indico versions export them.
EXPORT = {
    "count": 1,
    "_type": "HTTPAPIResult",
    "complete": True,
    "results": [
        {
            "_type": "Conference",
            "id": "137346",
            "title": "Export Test",
            "description": "",
            "timezone": "Europe/Zurich",
            "startDate": _when("2011-06-23", "08:00:00"),
            "endDate": _when("2011-06-24", "18:00:00"),
            "contributions": [
                _contribution("1", "d1c2", D1("08:20"), D1("08:40"), 20,
                              speakers=[{"first_name": "Haruto", "last_name": "Sato",
                                         "fullName": "Sato, Haruto"}]),
                _contribution("0", "d1c1", D1("08:00"), D1("08:20"), 20),
                _contribution("3", "d2s1c1", D2("14:00"), D2("14:20"), 20,
                              session="d2s1", speakers=[{"fullName": "Mokoena, Thandiwe"}]),
                _contribution("2", "d2c1", D2("12:00"), D2("14:00"), 120),
                _contribution("4", "unscheduled", None, None, 15),
            ],
        }
    ],
}  # fmt: skip


def test_parse_the_documented_export():
    event = parse(json.dumps(EXPORT))
    assert (event.title, event.timezone) == ("Export Test", "Europe/Zurich")
    assert event.start == dt.datetime(2011, 6, 23, 6, 0, tzinfo=dt.UTC)  # 08:00 CEST
    titles = [(c.title, c.duration, c.session) for c in event.contributions]
    assert titles[2] == ("d2s1c1", 20, "d2s1")
    assert event.contributions[2].speakers[0].family_name == "Mokoena"
    assert event.contributions[4].start is None


def test_import_builds_event_sessions_and_contributions(organiser, speakers):
    report = do_import_indico(parse(json.dumps(EXPORT)), actor=organiser)
    event = report.event
    assert (event.timezone, event.start_date, event.end_date) == (
        "Europe/Zurich",
        dt.date(2011, 6, 23),
        dt.date(2011, 6, 24),
    )
    assert (report.contributions, report.sessions, report.unscheduled) == (5, 1, 1)
    session = Session.objects.get(event=event)
    assert (session.title, session.start.hour) == ("d2s1", 12)  # 14:00 CEST
    talk = Contribution.objects.get(event=event, title="d1c2")
    assert [p.family_name for p in talk.speakers.all()] == ["Sato"]


def test_a_name_alone_never_merges_a_speaker_into_a_namesake(organiser, speakers):
    report = do_import_indico(parse(json.dumps(EXPORT)), actor=organiser)
    talk = Contribution.objects.get(event=report.event, title="d1c2")
    assert [p.pk for p in talk.speakers.all()] != [speakers[1].pk]  # not the existing Sato
    assert [(n.name, n.how) for n in report.created] == [
        ("Haruto Sato", "new"),
        ("Thandiwe Mokoena", "new"),
    ]
    assert report.matched == []


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("not json", "not JSON"),
        ({"results": []}, "expected Indico's export of one event"),
        ({"results": [{"title": "x", "startDate": _when("2011-06-23", "08:00:00", "Mars/Base"),
                       "endDate": _when("2011-06-23", "09:00:00")}]}, "unknown time zone"),
        ({"results": [dict(EXPORT["results"][0], contributions=[
            _contribution("9", "gap", _when("2011-03-27", "02:30:00"), None, 20)])]},
         "does not exist in Europe/Zurich"),
        ({"results": [dict(EXPORT["results"][0], contributions=[{"id": "1"}])]}, "needs a title"),
    ],
)  # fmt: skip
def test_bad_exports_are_refused_with_the_place(document, message):
    with pytest.raises(IndicoError, match=message):
        parse(document if isinstance(document, str) else json.dumps(document))


def test_import_page(client, organiser):
    client.force_login(organiser)
    url = reverse("events:import-indico")
    bad = client.post(url, {"file": SimpleUploadedFile("e.json", b"{}")})
    assert bad.status_code == 400
    assert Event.objects.count() == 0
    good = client.post(url, {"file": SimpleUploadedFile("e.json", json.dumps(EXPORT).encode())})
    event = Event.objects.get()
    assert good["Location"] == reverse("events:manage", args=[event.pk])
