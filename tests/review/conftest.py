"""A conference with an open double-blind call, two institutions, three reviewers and two
submitters; real people with affiliation histories."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pikepdf
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from science4peace.events.domain.changes import do_create_event, do_save_track, do_set_role
from science4peace.events.models import Event
from science4peace.institutions.models import Country, Institution
from science4peace.lib.timezones import local
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Affiliation, Person
from science4peace.review.domain import schools
from science4peace.review.domain.assignment import do_add_assignment
from science4peace.review.domain.calls import do_save_call
from science4peace.review.domain.reviews import do_review
from science4peace.review.domain.submissions import AuthorIn, do_submit

_serial = itertools.count(1)
TODAY = dt.datetime.now(dt.UTC).date()


def make_person(given: str, family: str, *, orcid: str | None = None, email: str = ""):
    n = next(_serial)
    user = get_user_model().objects.create_user(
        username=f"{family.lower()}{n}", email=email or f"{family.lower()}{n}@example.org"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Person.objects.create(user=user, given_name=given, family_name=family, orcid=orcid)
    return user


def affiliate(user, institution, start: dt.date, end: dt.date | None = None) -> Affiliation:
    return Affiliation.objects.create(
        person=user.person, institution=institution, start=start, end=end
    )


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {do_create_api_token(actor=user, name='t')[1]}"}


def pdf_bytes(text: str = "", author: str = "") -> bytes:
    """A one-page PDF whose page shows ``text`` and whose Info and XMP name ``author``."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    body = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    page.obj.Contents = pdf.make_stream(body)
    if author:
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = author
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = [author]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(name="institutions")
def institutions_fixture(db):
    country = Country.objects.get_or_create(
        code="CH", defaults={"name": "Switzerland", "un_status": "member"}
    )[0]
    return [
        Institution.objects.create(name="Joint Institute for Nuclear Research", country=country),
        Institution.objects.create(name="University of Cape Town", country=country),
        Institution.objects.create(name="Tokyo Institute of Technology", country=country),
    ]


@pytest.fixture
def organiser(db):
    return make_person("Olga", "Organova")


@pytest.fixture(name="event")
def event_fixture(organiser):
    event = do_create_event(
        actor=organiser,
        title="Online Workshop on Open Data",
        kind=Event.Kind.WORKSHOP,
        timezone="Europe/Zurich",
        start_date=TODAY + dt.timedelta(days=60),
        end_date=TODAY + dt.timedelta(days=61),
    )
    do_save_track(event, actor=organiser, name="Theory", position=0)
    return event


def wall(instant: dt.datetime, zone: str) -> dt.datetime:
    """``instant`` as the naive wall-clock time in ``zone`` that forms take: an instant's own
    wall time always exists there (UTC's wall time may fall in a daylight-saving gap)."""
    return local(instant, zone).replace(tzinfo=None)


@pytest.fixture(name="call")
def call_fixture(event, organiser):
    now = timezone.now()
    return do_save_call(
        event,
        actor=organiser,
        opens=wall(now - dt.timedelta(days=1), event.timezone),
        closes=wall(now + dt.timedelta(days=10), event.timezone),
        kinds=["talk", "poster"],
        reviewers_per_submission=2,
        max_load=3,
    )


@pytest.fixture(name="reviewers")
def reviewers_fixture(event, organiser, institutions):
    people = [
        make_person("Rosa", "Revisora", orcid="0000-0002-1825-0097"),
        make_person("Ravi", "Reviewkar"),
        make_person("Rin", "Reviewmoto"),
    ]
    for user in people:
        do_set_role(event, actor=organiser, user=user, role="reviewer")
    affiliate(people[0], institutions[2], TODAY - dt.timedelta(days=4000))
    affiliate(people[1], institutions[2], TODAY - dt.timedelta(days=4000))
    return people


@pytest.fixture(name="submitters")
def submitters_fixture(db, institutions):
    ana = make_person("Anastasia", "Kuznetsova", email="anastasia@example.org")
    kofi = make_person("Kofi", "Mensah", email="kofi@example.org")
    affiliate(ana, institutions[0], TODAY - dt.timedelta(days=2000))
    affiliate(kofi, institutions[1], TODAY - dt.timedelta(days=2000))
    return [ana, kofi]


def submit(
    call, user, *, title="Jet substructure with open data", keywords="jets, open data", **extra
):
    person = user.person
    authors = extra.pop(
        "authors",
        [
            AuthorIn(
                f"{person.given_name} {person.family_name}",
                orcid=person.orcid or "",
                email=user.email,
                affiliation="Joint Institute for Nuclear Research",
                presents=True,
                person_id=person.pk,
            )
        ],
    )
    return do_submit(
        call,
        actor=user,
        title=title,
        abstract=extra.pop("abstract", "We measure $p_T$ spectra of jets in open data."),
        kind=extra.pop("kind", "talk"),
        keywords=keywords,
        authors=authors,
        **extra,
    )


# A school whose call takes applications, and three of them scored 5, 3 and 4.


@pytest.fixture(name="school_call")
def school_call_fixture(organiser, reviewers):
    event = do_create_event(
        actor=organiser,
        title="Summer School on Open Data",
        kind=Event.Kind.SCHOOL,
        timezone="UTC",
        start_date=TODAY + dt.timedelta(days=60),
        end_date=TODAY + dt.timedelta(days=65),
    )
    for user in reviewers:
        do_set_role(event, actor=organiser, user=user, role="reviewer")
    now = timezone.now()
    return do_save_call(
        event,
        actor=organiser,
        opens=wall(now - dt.timedelta(days=1), event.timezone),
        closes=wall(now + dt.timedelta(days=10), event.timezone),
        kinds=["lecture"],
    )


@pytest.fixture(name="school")
def school_fixture(school_call, organiser):
    return schools.do_save_school(school_call, actor=organiser, places=2, confirm_days=7)


@pytest.fixture(name="applicants")
def applicants_fixture(school, submitters):
    """Three applications scored 5, 3 and 4 by one reviewer each."""
    third = make_person("Lina", "Haddad")
    people = [*submitters, third]
    languages = ["en", "ru", "ar"]
    made = []
    for user, language in zip(people, languages, strict=True):
        made.append(
            submit(
                school.call,
                user,
                title="Application",
                abstract="I work on open data and would learn statistics.",
                kind="lecture",
                language=language,
            )
        )
    return made


def score(applications, organiser, reviewer, scores):
    for submission, value in zip(applications, scores, strict=True):
        mine = do_add_assignment(submission, actor=organiser, reviewer=reviewer)
        do_review(mine, actor=reviewer, score=value, confidence=2)


@pytest.fixture(name="scored")
def scored_fixture(applicants, organiser, reviewers):
    score(applicants, organiser, reviewers[2], [5, 3, 4])
    return applicants


def after(call, **delta):
    return call.deadline + dt.timedelta(hours=1, **delta)
