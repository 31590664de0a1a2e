import datetime as dt

import pytest

from science4peace.collaborations.models import Collaboration, Contribution, Membership, Resource
from science4peace.institutions.models import Institution
from science4peace.people.models import Person

D = dt.date


@pytest.fixture
def helix(db, staff):
    collaboration = Collaboration.objects.create(
        name="HELIX", start=D(2005, 1, 1), completion=D(2041, 12, 31)
    )
    collaboration.administrators.add(staff)
    return collaboration


@pytest.fixture
def moscow(db):
    return Institution.objects.create(name="INR Moscow", country_id="RU")


@pytest.fixture
def wuppertal(db):
    return Institution.objects.create(name="Wuppertal U.", country_id="DE")


@pytest.fixture
def mover(user, helix, moscow, jinr, wuppertal):
    """The logged-in user's person: Moscow institute, then JINR, then a German university,
    with a confirmed contribution made in Moscow."""
    person = Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")
    for institution, start, end in [
        (moscow, D(2012, 9, 1), D(2019, 6, 30)),
        (jinr, D(2019, 7, 1), D(2023, 8, 31)),
        (wuppertal, D(2023, 9, 1), None),
    ]:
        Membership.objects.create(
            collaboration=helix, person=person, institution=institution, start=start, end=end
        )
    Contribution.objects.create(
        collaboration=helix,
        person=person,
        kind="detector",
        description="ECAL construction",
        start=D(2013, 1, 1),
        end=D(2016, 12, 31),
        status=Contribution.Status.CONFIRMED,
    )
    return person


@pytest.fixture
def dataset(helix):
    return Resource.objects.create(
        collaboration=helix,
        title="Run 3 data",
        kind="dataset",
        sensitivity="contributors",
        url="https://data.example.org/r3",
    )


def make_members(collaboration, institution, count):
    people = [Person.objects.create(given_name=f"G{i}", family_name=f"F{i}") for i in range(count)]
    for person in people:
        Membership.objects.create(
            collaboration=collaboration, person=person, institution=institution, start=D(2010, 1, 1)
        )
        Contribution.objects.create(
            collaboration=collaboration,
            person=person,
            kind="software",
            description="code",
            start=D(2011, 1, 1),
            status=Contribution.Status.CONFIRMED,
        )
        Resource.objects.create(
            collaboration=collaboration,
            title=f"R{person.pk}",
            kind="dataset",
            url="https://data.example.org/",
        )
    return people
