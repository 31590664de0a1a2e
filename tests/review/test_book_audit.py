"""Issue 16 points 7 and 8: the book of abstracts of the accepted submissions in session order
(LaTeX and a real pdflatex PDF), published once every submission is decided, and the audit of
the outcome by UN geoscheme region and by first-time against returning submitters."""

import ast
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from science4peace.events.domain.changes import (
    do_create_event,
    do_save_contribution,
    do_save_session,
)
from science4peace.events.models import Event
from science4peace.institutions.models import Country, Institution
from science4peace.lib import geoscheme
from science4peace.review.domain import audit, book, regions, reviews
from science4peace.review.domain.calls import do_save_call
from science4peace.review.domain.submissions import AuthorIn

from .conftest import TODAY, affiliate, auth, make_person, submit

pytestmark = pytest.mark.django_db


def _accept(organiser, *submissions, decision="talk"):
    reviews.do_decide(submissions, actor=organiser, decision=decision)


@pytest.fixture
def decided(call, organiser, submitters):
    """Three accepted abstracts in two sessions (the later session first in creation), one
    rejected."""
    event = call.event
    first = submit(call, submitters[0], title="Alpha decays", abstract="Rates of $\\alpha$ decay.")
    second = submit(
        call,
        submitters[1],
        title="Beta spectra",
        authors=[
            AuthorIn("Zoe Zimmer", affiliation="University of Cape Town"),
            AuthorIn(
                "Kofi Mensah",
                presents=True,
                person_id=submitters[1].person.pk,
                affiliation="University of Cape Town",
            ),
        ],
    )
    third = submit(call, submitters[0], title="Gamma rays", abstract="Plain text.")
    rejected = submit(call, submitters[1], title="Rejected work")
    _accept(organiser, first, second, third)
    _accept(organiser, rejected, decision="reject")
    day = event.start_date
    late = do_save_session(event, actor=organiser, title="Afternoon", day=day,
                           start=dt.time(15), end=dt.time(16))[0]  # fmt: skip
    early = do_save_session(event, actor=organiser, title="Morning", day=day,
                            start=dt.time(9), end=dt.time(10))[0]  # fmt: skip
    for submission, session, minute in ((first, late, 0), (third, early, 30), (second, early, 0)):
        submission.refresh_from_db()
        c = submission.contribution
        do_save_contribution(event, actor=organiser, title=c.title, kind=c.kind, duration=20,
                             abstract=c.abstract, contribution=c, session=session,
                             start=session.start + dt.timedelta(minutes=minute))  # fmt: skip
    return first, second, third


def test_book_orders_abstracts_by_session_and_start_and_authors_alphabetically(call, decided):
    found = book.book_of(call)
    assert [(s.title, [a.title for a in s.abstracts]) for s in found.sessions] == [
        ("Morning", ["Beta spectra", "Gamma rays"]),
        ("Afternoon", ["Alpha decays"]),
    ]
    beta = found.sessions[0].abstracts[0]
    assert (beta.authors, beta.marks, beta.affiliations) == (
        ("Kofi Mensah", "Zoe Zimmer"),
        ((1,), (1,)),
        ("University of Cape Town",),
    )


def test_book_names_only_policy_shows_no_affiliation(call, decided):
    call.book_policy = "names-only"
    call.save()
    beta = book.book_of(call).sessions[0].abstracts[0]
    assert (beta.marks, beta.affiliations) == (((), ()), ())


def test_book_pdf_holds_the_titles_in_session_order(client, call, decided, submitters):
    response = client.get(reverse("review:book-pdf", args=[call.event_id]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    places = [text.index(t) for t in ("Beta spectra", "Gamma rays", "Alpha decays")]
    assert (places == sorted(places), "Rejected work" in text) == (True, False)
    # Built once per source: the second answer comes from the storage, the same bytes.
    again = client.get(reverse("review:book-pdf", args=[call.event_id]))
    assert again.content == response.content


def test_book_is_for_organisers_until_every_submission_is_decided(
    client, call, organiser, submitters
):
    first = submit(call, submitters[0], title="Alpha decays")
    submit(call, submitters[1], title="Still open")
    _accept(organiser, first)
    url = reverse("review:book-tex", args=[call.event_id])
    api = f"/api/review/events/{call.event_id}/book.tex"
    anonymous = client.get(url)
    by_token = client.get(api, headers=auth(organiser))
    client.force_login(organiser)
    own = client.get(url)
    assert (anonymous.status_code, by_token.status_code, own.status_code) == (403, 200, 200)
    assert (b"\\subsection*{Alpha decays}" in own.content, by_token.content) == (True, own.content)


def test_book_and_audit_through_the_api_after_the_decisions(client, call, decided, submitters):
    tex = client.get(f"/api/review/events/{call.event_id}/book.tex")
    found = client.get(f"/api/review/events/{call.event_id}/audit").json()
    assert (tex.status_code, tex["Content-Type"]) == (200, "application/x-tex; charset=utf-8")
    assert (found["submitted"], found["accepted"], found["min_group"]) == (4, 3, 5)
    assert found["regions"] == [
        {"key": "Europe", "label": "Europe", "submitted": None, "accepted": None, "rate": None,
         "suppressed": True},
    ]  # fmt: skip


def test_audit_waits_for_every_decision_organisers_included(client, call, organiser, submitters):
    first = submit(call, submitters[0])
    submit(call, submitters[1], title="Open")
    _accept(organiser, first)
    client.force_login(organiser)
    page = client.get(reverse("review:audit", args=[call.event_id]))
    api = client.get(f"/api/review/events/{call.event_id}/audit", headers=auth(organiser))
    assert (page.status_code, api.status_code) == (403, 403)
    assert api.json() == {
        "detail": "The audit of the outcome is shown once every submission is decided."
    }


def _country(code, name):
    return Country.objects.get_or_create(code=code, defaults={"name": name, "un_status": "member"})[
        0
    ]


def test_audit_rates_by_region_suppress_small_groups_and_count_returning(
    client, call, organiser, event
):
    za = Institution.objects.create(
        name="University of Cape Town", country=_country("ZA", "South Africa")
    )
    ru = Institution.objects.create(name="JINR Dubna", country=_country("RU", "Russia"))
    br = Institution.objects.create(name="USP", country=_country("BR", "Brazil"))
    jp = Institution.objects.create(name="KEK", country=_country("JP", "Japan"))
    earlier = do_create_event(actor=organiser, title="Earlier", kind=Event.Kind.WORKSHOP,
                              timezone="UTC", start_date=TODAY, end_date=TODAY)  # fmt: skip
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    old_call = do_save_call(earlier, actor=organiser, opens=now - dt.timedelta(days=1),
                            closes=now + dt.timedelta(days=1), kinds=["talk"])  # fmt: skip
    sent = []
    for n, (institution, accepted) in enumerate(
        [(za, True)] * 4
        + [(za, False)] * 2
        + [(ru, True)] * 2
        + [(ru, False)] * 3
        + [(br, True)] * 2
        + [(jp, False)]
    ):
        user = make_person(f"P{n}", f"Person{n}")
        affiliate(user, institution, TODAY - dt.timedelta(days=100))
        if n < 5:  # five of them had sent an abstract to an earlier call
            submit(old_call, user, title=f"Earlier {n}")
        sent.append((submit(call, user, title=f"Work {n}"), accepted))
    _accept(organiser, *[s for s, ok in sent if ok])
    _accept(organiser, *[s for s, ok in sent if not ok], decision="reject")
    found = audit.outcome_audit(call)
    rows = [(g.key, g.submitted, g.accepted) for g in found.regions]
    assert rows == [
        ("Africa", 6, 4),
        ("Americas", None, None),
        ("Asia", None, None),
        ("Europe", 5, 2),
    ]
    assert [(g.key, g.submitted, g.accepted) for g in found.history] == [
        ("first", 9, 4),
        ("returning", 5, 4),
    ]
    assert [(g.key, g.submitted) for g in found.subregions] == [
        ("Eastern Asia", None), ("Eastern Europe", 5), ("South America", None),
        ("Southern Africa", 6)
    ]  # fmt: skip
    page = client.get(reverse("review:audit", args=[call.event_id]))
    assert (page.status_code, b"too few to show" in page.content) == (200, True)


def test_the_audit_names_regions_in_the_readers_language(client, call, decided):
    with translation.override("ar"):
        found = audit.outcome_audit(call)
    assert [(g.key, g.label) for g in found.regions] == [("Europe", "أوروبا")]
    russian = client.get(
        f"/api/review/events/{call.event_id}/audit", headers={"Accept-Language": "ru"}
    ).json()
    assert [(g["key"], g["label"]) for g in russian["regions"]] == [("Europe", "Европа")]


def test_every_region_and_sub_region_of_the_geoscheme_has_a_translatable_name():
    keys = set(geoscheme.REGIONS) | set(geoscheme.REGION_OF_SUBREGION)
    assert set(regions.NAMES) == keys
    assert set(geoscheme.subregions().values()) - {geoscheme.UNKNOWN} <= keys


def test_audit_hides_a_lone_small_group_together_with_the_next_smallest():
    keys = {n: ("A" if n < 6 else "B" if n < 12 else "C") for n in range(14)}
    groups = audit._table(keys, set(range(14)), {})
    assert [(g.key, g.submitted) for g in groups] == [("A", None), ("B", 6), ("C", None)]


SRC = Path(__file__).resolve().parents[2] / "src" / "science4peace"
DECIDING = [
    "review/rules.py",
    "review/domain/access.py",
    "review/domain/assignment.py",
    "review/domain/calls.py",
    "review/domain/committee.py",
    "review/domain/conflicts.py",
    "review/domain/reviews.py",
    "review/domain/submissions.py",
    "review/domain/queries.py",
    "lib/conflicts.py",
    "lib/review_assignment.py",
]
COUNTRY_READERS = {"science4peace.review.domain.audit", "science4peace.lib.geoscheme"}


def _imports(module: str) -> set[str]:
    path = SRC / (module.removeprefix("science4peace.").replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    if not path.exists():
        return set()
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("science4peace")
        ):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("science4peace")}
    return found


@pytest.mark.parametrize("path", DECIDING)
def test_no_decision_module_reaches_the_audit_or_the_geoscheme(path):
    """Invariant 1, made structural: the audit reads countries, so nothing that decides
    (rules, access, conflicts, assignment, reviews and decisions) imports it, even through
    another module of the platform."""
    start = "science4peace." + path.removesuffix(".py").replace("/", ".")
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_imports(module))
    assert seen & COUNTRY_READERS == set()


@pytest.mark.parametrize("accepted", [1, 3])
def test_book_and_audit_read_in_fixed_queries(
    call, organiser, submitters, accepted, django_assert_num_queries
):
    chosen = [submit(call, submitters[n % 2], title=f"Work {n}") for n in range(accepted)]
    _accept(organiser, *chosen)
    call = type(call).objects.select_related("event").get(pk=call.pk)
    with django_assert_num_queries(4):
        found = book.book_of(call)
    with django_assert_num_queries(4):  # a fifth when a submitter gave no institution
        audit.outcome_audit(call)
    assert sum(len(s.abstracts) for s in found.sessions) == accepted
