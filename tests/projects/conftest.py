import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from science4peace.catalog.models import Record
from science4peace.people.models import Person
from science4peace.projects.domain import changes, profiles

_serial = itertools.count(1)


def make_record(recid: int, title: str, experiment: str = "CMS", year: int = 2011) -> Record:
    return Record.objects.create(
        recid=recid,
        title=title,
        experiment=experiment,
        experiments=[experiment],
        type_primary="Dataset",
        year=year,
        doi=f"10.7483/OPENDATA.{experiment}.{recid}",
        published={"recid": recid, "title": title},
        digest=f"{recid:064d}",
        last_changed=timezone.now(),
    )


def make_member(name: str, *, confirmed: bool = True):
    """A user with a person record; confirmed e-mail unless told otherwise."""
    n = next(_serial)
    user = get_user_model().objects.create_user(
        username=f"{name.lower()}{n}", email=f"{name.lower()}{n}@example.org", password="x"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=confirmed, primary=True)
    Person.objects.create(user=user, given_name=name, family_name=f"Family{n}")
    return user


@pytest.fixture
def dimuon(db):
    return make_record(
        17,
        "DoubleMu primary dataset in AOD format from RunA of 2011 "
        "(/DoubleMu/Run2011A-12Oct2013-v1/AOD)",
    )


@pytest.fixture
def jets_record(db):
    return make_record(21, "Jet primary dataset from RunB of 2011", experiment="CMS")


@pytest.fixture
def alice_record(db):
    return make_record(1102, "PbPb collisions at 2.76 TeV", experiment="ALICE", year=2010)


@pytest.fixture
def lead(db):
    return make_member("Lena")


@pytest.fixture
def joiner(db):
    return make_member("Omar")


@pytest.fixture
def project(lead, dimuon):
    return changes.do_propose_project(
        actor=lead,
        title="Dimuon resonances in CMS open data",
        kind="experiment",
        description="The $J/\\psi$ and the $\\Upsilon$ from 2011 data.",
        records=[dimuon.recid],
        subjects=["hep-ex", "hep-ph"],
        keywords=["dimuon", "resonances"],
        skills=["ROOT", "C++"],
    )


def interests(user, **terms):
    person = user.person
    return profiles.do_update_interests(person, actor=user, **terms)
