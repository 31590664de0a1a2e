"""Issue 12, defects 1-4 at the input boundary: control characters and oversize text are
refused by forms, API and imports; every CSV export neutralises formulas; every ``next``
stays on the site; rendering hostile Markdown takes bounded time."""

import copy
import datetime as dt
import csv
import io
import json
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Event
from science4peace.lib import markup
from science4peace.lib.csvcells import safe_cell
from science4peace.papers.domain import changes as paper_changes
from science4peace.papers.models import PaperAuthor
from science4peace.people.models import Person
from tests.events.conftest import conference, organiser, speakers  # noqa: F401
from tests.events.test_indico import EXPORT

pytestmark = pytest.mark.django_db
REPRODUCER = "Алиса\n\\input{/etc/passwd}\n"
SRC = Path(__file__).resolve().parents[2] / "src" / "science4peace"


@pytest.mark.parametrize("value", [REPRODUCER, "a\rb", "a\tb", "a\x1bb", "a\u202eb", "a\u2028b"])
def test_api_me_refuses_control_characters_in_native_name(client, auth_headers, user, value):
    Person.objects.create(user=user, family_name="Ivanova", native_name="Анна")
    response = client.patch(
        "/api/me", {"native_name": value}, content_type="application/json", headers=auth_headers
    )
    assert response.status_code == 400
    assert "native_name" in response.json()["errors"]
    assert "Remove the control character U+" in response.json()["detail"]
    assert Person.objects.get(user=user).native_name == "Анна"


def test_profile_form_refuses_a_newline_in_a_name(client, logged_in, user):
    Person.objects.create(user=user, family_name="Ivanova")
    response = client.post(
        reverse("people:me"),
        {"family_name": "Ivanova", "native_name": REPRODUCER, "timezone": "UTC"},
    )
    assert "Remove the control character U+000A (LINE FEED)" in response.content.decode()
    assert Person.objects.get(user=user).native_name == ""


def test_reproducer_end_to_end_is_refused_and_the_download_stays_safe(
    client, auth_headers, mover, helix, staff
):
    response = client.patch(
        "/api/me",
        {"native_name": REPRODUCER},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 400
    paper = paper_changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
    )
    # Bypassing the input checks: the renderer alone must keep the text inside its comment.
    PaperAuthor.objects.filter(paper=paper).update(native_name=REPRODUCER)
    source = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": "revtex"}).content
    lines = source.decode().splitlines()
    assert [line for line in lines if "passwd" in line] == [
        r"\author{A.~Ivanova} % Алиса \input{/etc/passwd}"
    ]


def test_reason_with_a_newline_is_refused(mover, helix, staff):
    paper = paper_changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
    )
    with pytest.raises(Exception, match="control character U\\+000A"):
        paper_changes.do_set_policy(paper, actor=staff, policy="names-only", reason="a\nb")


def test_indico_import_refuses_a_five_megabyte_description_and_a_newline_in_a_title(organiser):
    from django.core.exceptions import ValidationError

    from science4peace.events.domain.imports import do_import_indico
    from science4peace.lib.indico import parse

    big = copy.deepcopy(EXPORT)
    big["results"][0]["description"] = "x" * 5_000_000
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        do_import_indico(parse(json.dumps(big)), actor=organiser)
    titled = copy.deepcopy(EXPORT)
    titled["results"][0]["title"] = "Talk\n\\input{/etc/passwd}"
    with pytest.raises(ValidationError, match="Remove the control character U\\+000A"):
        do_import_indico(parse(json.dumps(titled)), actor=organiser)
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


# --- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("+1.5e3", "+1.5e3"),
        ("Ivanova", "Ivanova"),
    ],
)
def test_csv_cell_is_neutralised_unless_a_number(value, written):
    assert safe_cell(value) == written


def test_registrants_csv_neutralises_a_formula_name(client, conference, organiser, user):
    Person.objects.create(user=user, family_name='=HYPERLINK("https://evil.example","x")')
    do_register(conference, user=user, consent=True, city="@Kyiv", timezone_name="Europe/Kyiv")
    client.force_login(organiser)
    body = client.get(reverse("events:registrants-csv", args=[conference.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert (rows[1][0], rows[1][4]) == ('\'=HYPERLINK("https://evil.example","x")', "'@Kyiv")


def test_authorlist_csv_neutralises_a_formula_name(client, mover, helix, staff):
    Person.objects.filter(pk=mover.pk).update(family_name='=HYPERLINK("https://evil.example")')
    paper = paper_changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
    )
    body = client.get(f"/api/papers/{paper.pk}/authorlist", {"format": "csv"}).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][0] == '\'=HYPERLINK("https://evil.example")'


def test_every_csv_writer_goes_through_safe_row():
    writers = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "csv.writer(" in path.read_text() or "DictWriter(" in path.read_text()
    ]
    assert sorted(writers) == ["events/interfaces/registrants.py", "lib/authorlist/formats.py"]
    for name in writers:
        text = (SRC / name).read_text()
        assert text.count("writerow(") == text.count("writerow(safe_row(") + text.count(
            "writerow(\n            safe_row("
        )


# --- redirects ---------------------------------------------------------------------------

EVIL = ["https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:alert(1)"]


def _views_taking_next():
    """Every view of ours or of a package we route to that reads ``next`` (by the source)."""
    ours = sorted(
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("views*.py")
        if 'get("next"' in path.read_text()
    )
    return ours


def test_the_views_that_take_next_are_the_ones_walked():
    assert _views_taking_next() == []  # ours read it only through core.interfaces.redirects


@pytest.mark.parametrize("target", EVIL)
def test_pledge_next_stays_on_the_site(client, logged_in, target):
    page = client.get(reverse("collaborations:pledge"), {"next": target}).content.decode()
    pledge = reverse("collaborations:pledge")
    assert f'<input type="hidden" name="next" value="{pledge}">' in page
    response = client.post(reverse("collaborations:pledge"), {"next": target})
    assert response["Location"] == pledge


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_next_stays_on_the_site(client, target):
    response = client.post(reverse("set_language"), {"language": "ru", "next": target})
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", EVIL)
def test_login_next_stays_on_the_site(client, user, target):
    response = client.post(
        reverse("account_login") + f"?next={target}",
        {"login": user.email, "password": "a long pass phrase 42"},
    )
    assert "evil.example" not in response.get("Location", "")
    assert not response.get("Location", "").startswith("javascript:")


def test_safe_next_keeps_a_page_of_the_site(client, logged_in):
    response = client.post(reverse("collaborations:pledge"), {"next": "/collaborations/?page=2"})
    assert response["Location"] == "/collaborations/?page=2"


# --- Markdown ----------------------------------------------------------------------------


def test_hostile_markdown_of_200_kb_renders_in_bounded_time():
    hostile = "[" * 200_000  # the slowest case measured (link brackets)
    hostile = hostile[:200_000]
    start = time.perf_counter()
    markup.render(hostile)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, elapsed
