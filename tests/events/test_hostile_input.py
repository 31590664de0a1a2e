"""Issue 12 for events: the Indico import refuses oversize text and control characters like
the pages do; the registrants CSV neutralises formulas."""

import copy
import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.events.domain.imports import do_import_indico
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Event
from science4peace.lib.indico import parse
from science4peace.people.models import Person
from tests.events.test_indico import EXPORT

pytestmark = pytest.mark.django_db


def test_indico_import_refuses_a_five_megabyte_description_and_a_newline_in_a_title(organiser):
    big = copy.deepcopy(EXPORT)
    big["results"][0]["description"] = "x" * 5_000_000
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        do_import_indico(parse(json.dumps(big)), actor=organiser)
    titled = copy.deepcopy(EXPORT)
    titled["results"][0]["title"] = "Talk\n\\input{/etc/passwd}"
    with pytest.raises(ValidationError, match="Remove the control character U\\+000A"):
        do_import_indico(parse(json.dumps(titled)), actor=organiser)
    talk = copy.deepcopy(EXPORT)
    talk["results"][0]["contributions"][0]["title"] = "Talk\n\\input{/etc/passwd}"
    with pytest.raises(ValidationError, match="title: Remove the control character U\\+000A"):
        do_import_indico(parse(json.dumps(talk)), actor=organiser)
    assert Contribution.objects.count() == 0
    assert Event.objects.count() == 0


def test_indico_import_page_shows_the_limit_as_a_form_error(client, organiser):
    client.force_login(organiser)
    big = copy.deepcopy(EXPORT)
    big["results"][0]["description"] = "x" * 30_000
    response = client.post(
        reverse("events:import-indico"),
        {"file": SimpleUploadedFile("e.json", json.dumps(big).encode())},
    )
    assert (response.status_code, Event.objects.count()) == (400, 0)
    assert "at most 20000 characters" in response.content.decode()


def test_registrants_csv_neutralises_a_formula_name(client, conference, organiser, user):
    Person.objects.create(user=user, family_name='=HYPERLINK("https://evil.example","x")')
    do_register(conference, user=user, consent=True, city="@Kyiv", timezone_name="Europe/Kyiv")
    client.force_login(organiser)
    body = client.get(reverse("events:registrants-csv", args=[conference.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert (rows[1][0], rows[1][4]) == ('\'=HYPERLINK("https://evil.example","x")', "'@Kyiv")
