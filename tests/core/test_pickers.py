"""The pickers (issue 13, points 5 and 9): time zones chosen from a list grouped by region with
their offsets, people and institutions found by typing part of the name, with JavaScript (the
search views htmx asks) and without it (the text typed is searched when the form is posted)."""

from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.collaborations.models import Membership
from science4peace.core.interfaces.pickers import ZoneField, utc_offset, zone_groups
from science4peace.people.models import Affiliation, Person
from tests.conftest import data_queries

WINTER = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)


class ZoneForm(forms.Form):
    zone = ZoneField(label="zone")


# ---------------------------------------------------------------------------- time zones


def test_zone_groups_follow_the_iana_regions_with_utc_last():
    regions = [region for region, _options in zone_groups(WINTER)]
    assert regions == [
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian Ocean",
        "Pacific",
        "Universal time",
    ]


def test_zone_labels_carry_the_offset_of_the_moment_daylight_saving_included():
    def label(at, name):
        return dict(option for _r, options in zone_groups(at) for option in options)[name]

    assert (label(WINTER, "Europe/Zurich"), label(SUMMER, "Europe/Zurich")) == (
        "Europe/Zurich (UTC+01:00)",
        "Europe/Zurich (UTC+02:00)",
    )
    assert (label(WINTER, "Asia/Kolkata"), label(WINTER, "America/St_Johns")) == (
        "Asia/Kolkata (UTC+05:30)",
        "America/St_Johns (UTC-03:30)",
    )
    assert utc_offset("UTC", SUMMER) == "UTC+00:00"


def test_zone_select_lists_every_zone_once_and_marks_the_chosen_one():
    html = str(ZoneForm(initial={"zone": "Asia/Tokyo"})["zone"])
    values = re.findall(r'<option value="([^"]+)"', html)
    assert (len(values), len(set(values))) == (len(set(values)), len(set(values)))
    assert len(values) > 400
    assert re.findall(r'<option value="([^"]*)" selected>', html) == ["Asia/Tokyo"]
    assert ("<optgroup" in html, "data-zone-picker" in html, "<script" in html) == (
        True,
        True,
        False,
    )


def test_zone_select_keeps_a_stored_alias_as_an_option_of_its_own():
    html = str(ZoneForm(initial={"zone": "US/Eastern"})["zone"])
    assert re.findall(r'<optgroup label="Current value"><option value="([^"]+)"', html) == [
        "US/Eastern"
    ]


@pytest.mark.parametrize(
    ("posted", "errors"),
    [
        ("Asia/Tokyo", {}),
        ("US/Eastern", {}),
        ("tokyo", {"zone": ["Unknown time zone tokyo; use an IANA name like Europe/Zurich."]}),
        ("", {"zone": ["This field is required."]}),
    ],
)
def test_zone_field_accepts_what_zoneinfo_knows_and_names_what_it_does_not(posted, errors):
    form = ZoneForm({"zone": posted})
    assert (form.is_valid(), form.errors.get_json_data(escape_html=False)) == (
        not errors,
        {
            k: [{"message": m, "code": form.errors.as_data()[k][0].code} for m in v]
            for k, v in errors.items()
        },
    )


def test_zone_pickers_are_on_the_event_registration_and_profile_forms(client, user, staff):
    client.force_login(staff)
    pages = [reverse("events:create"), reverse("people:me")]
    found = [
        re.findall(r'<select name="(\w+)"[^>]*data-zone-picker', client.get(p).content.decode())
        for p in pages
    ]
    assert found == [["timezone"], ["timezone"]]


# ---------------------------------------------------------------------------- people


@pytest.fixture
def ivanovas(db, jinr):
    people = [
        Person.objects.create(given_name=given, family_name="Ivanova")
        for given in ("Anna", "Maria", "Olga")
    ]
    Affiliation.objects.create(person=people[0], institution=jinr, start=dt.date(2020, 1, 1))
    return people


def _manage(client, helix, staff, data):
    client.force_login(staff)
    return client.post(
        reverse("collaborations:manage", args=[helix.pk]),
        {"m-role": "member", "m-start": "2021-01-01", **data},
    )


def test_typed_name_with_one_match_is_taken_without_javascript(
    client, helix, staff, ivanovas, jinr
):
    response = _manage(
        client, helix, staff, {"m-person-q": "olga ivanova", "m-institution-q": "joint inst"}
    )
    assert response.status_code == 302
    assert list(Membership.objects.values_list("person__given_name", "institution")) == [
        ("Olga", jinr.pk)
    ]


def test_typed_name_with_several_matches_offers_them_and_changes_nothing(
    client, helix, staff, ivanovas, jinr
):
    response = _manage(
        client, helix, staff, {"m-person-q": "ivanova", "m-institution": str(jinr.pk)}
    )
    html = response.content.decode()
    offered = re.findall(r'<input type="radio" name="m-person" value="(\d+)">', html)
    assert (response.status_code, Membership.objects.count()) == (400, 0)
    assert offered == [str(p.pk) for p in ivanovas]
    assert "3 match “ivanova”: choose one below." in html
    assert "Anna Ivanova · Joint Institute for Nuclear Research" in html


def test_chosen_match_is_kept_when_the_typed_text_stays(client, helix, staff, ivanovas, jinr):
    maria = ivanovas[1]
    response = _manage(
        client,
        helix,
        staff,
        {"m-person": str(maria.pk), "m-person-q": "ivanova", "m-institution": str(jinr.pk)},
    )
    assert response.status_code == 302
    assert list(Membership.objects.values_list("person", flat=True)) == [maria.pk]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"m-person-q": "nobody"}, "Nothing matches “nobody”."),
        ({"m-person": "999999"}, "Choose from the list."),
        ({"m-person": "x"}, "Choose from the list."),
        ({}, "This field is required."),
        ({"m-person-q": "\x00 "}, "This field is required."),
        ({"m-person-q": "ivan\x00ova"}, "3 match “ivanova”: choose one below."),
    ],
)
def test_bad_person_choice_is_a_form_error(client, helix, staff, ivanovas, jinr, data, message):
    response = _manage(client, helix, staff, {"m-institution": str(jinr.pk), **data})
    assert (response.status_code, Membership.objects.count()) == (400, 0)
    assert message in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_person_search_answers_in_a_constant_number_of_queries(client, jinr, count):
    for index in range(count):
        person = Person.objects.create(given_name=f"Pyotr{index}", family_name="Kapitsa")
        Affiliation.objects.create(person=person, institution=jinr, start=dt.date(2020, 1, 1))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(
            reverse("people:pick"),
            {"field": "m-person", "m-person-q": "kapitsa"},
            HTTP_HX_REQUEST="true",
        )
    names = re.findall(r'name="m-person" value="\d+"> ([^<]+)</label>', response.content.decode())
    assert names == [f"Pyotr{i} Kapitsa · {jinr.name}" for i in range(count)]
    assert len(data_queries(captured)) == 2


def test_institution_search_gives_checkboxes_when_several_may_be_chosen(client, jinr, cern):
    response = client.get(
        reverse("institutions:pick"),
        {"field": "add-institutions", "add-institutions-q": "e", "multiple": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert re.findall(
        r'<input type="checkbox" name="add-institutions" value="(\d+)">', response.content.decode()
    ) == [str(cern.pk), str(jinr.pk)]


def test_search_without_a_field_name_is_refused(client):
    response = client.get(reverse("people:pick"), {"field": "<x>", "q": "a"})
    assert (response.status_code, response.content.decode()) == (
        400,
        "Give the form field's name as field=…",
    )


def test_search_without_htmx_is_a_page_of_its_own(client, ivanovas):
    response = client.get(reverse("people:pick"), {"field": "p", "q": "ivanova maria"})
    assert re.findall(r"<li>([^<]+)</li>", response.content.decode())[-1:] == ["Maria Ivanova"]


# ---------------------------------------------------------------------------- demo size


@pytest.mark.django_db
def test_demo_paper_edit_and_collaboration_manage_pages_stay_under_100_kb(client):
    """The demo's big collaboration (3,000 members) and its paper: before the pickers the
    edit page was 448 KB and the manage page 195 KB (a select of every person)."""
    from science4peace.collaborations.demo import LHC_NAME
    from science4peace.collaborations.demo import load_demo as load_collaborations
    from science4peace.collaborations.models import Collaboration
    from science4peace.papers.demo import load_demo as load_papers
    from science4peace.papers.models import Paper
    from science4peace.people.demo import load_demo as load_people

    load_people()
    load_collaborations()
    load_papers()
    helix = Collaboration.objects.get(name=LHC_NAME)
    paper = Paper.objects.get(collaboration=helix)
    client.force_login(get_user_model().objects.get(username="admin"))
    pages = {
        "edit": client.get(reverse("papers:edit", args=[paper.pk])),
        "manage": client.get(reverse("collaborations:manage", args=[helix.pk])),
    }
    sizes = {name: len(r.content) for name, r in pages.items()}
    assert (paper.authors.count() > 2000, Person.objects.count() > 3000) == (True, True)
    assert {name: size < 100_000 for name, size in sizes.items()} == {
        "edit": True,
        "manage": True,
    }, sizes
    assert {n: len(gzip.compress(r.content)) < 20_000 for n, r in pages.items()} == {
        "edit": True,
        "manage": True,
    }
