import datetime as dt

from science4peace.collaborations.models import Membership, Resource, WorkContribution
from science4peace.people.models import Person

D = dt.date


def make_members(collaboration, institution, count):
    people = [Person.objects.create(given_name=f"G{i}", family_name=f"F{i}") for i in range(count)]
    for person in people:
        Membership.objects.create(
            collaboration=collaboration, person=person, institution=institution, start=D(2010, 1, 1)
        )
        WorkContribution.objects.create(
            collaboration=collaboration,
            person=person,
            kind="software",
            description="code",
            start=D(2011, 1, 1),
            status=WorkContribution.Status.CONFIRMED,
        )
        Resource.objects.create(
            collaboration=collaboration,
            title=f"R{person.pk}",
            kind="dataset",
            url="https://data.example.org/",
        )
    return people
