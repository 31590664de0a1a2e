import datetime as dt
import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from science4peace.collaborations.models import Collaboration, Membership
from science4peace.events.domain.changes import do_create_event
from science4peace.events.models import Event, Registration
from science4peace.institutions.models import Institution
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Person
from science4peace.projects.domain import changes as project_changes
from science4peace.spaces.domain import discussions

_serial = itertools.count(1)


def make_user(name: str, *, location: str | None = None):
    """A user with a confirmed address and a person record (optionally located)."""
    n = next(_serial)
    user = get_user_model().objects.create_user(
        username=f"{name.lower()}{n}", email=f"{name.lower()}{n}@example.org", password="x"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Person.objects.create(
        user=user, given_name=name, family_name=f"Family{n}", location_country_id=location
    )
    return user


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {do_create_api_token(actor=user, name='t')[1]}"}


def join(collaboration: Collaboration, user, institution: Institution) -> Membership:
    return Membership.objects.create(
        collaboration=collaboration,
        person=user.person,
        institution=institution,
        start=dt.date(2020, 1, 1),
    )


@pytest.fixture
def space_institute(db):
    return Institution.objects.create(name="Institute of Physics", country_id="DE")


@pytest.fixture
def space_admin(db):
    return make_user("Amara")


@pytest.fixture
def space_member(db):
    return make_user("Boris")


@pytest.fixture
def space_colleague(db):
    return make_user("Chen")


@pytest.fixture
def space_outsider(db):
    return make_user("Dana")


@pytest.fixture
def space_collaboration(space_admin, space_member, space_colleague, space_institute):
    found = Collaboration.objects.create(name="HELIX", start=dt.date(2005, 1, 1))
    found.administrators.add(space_admin)
    join(found, space_member, space_institute)
    join(found, space_colleague, space_institute)
    return found


@pytest.fixture
def space(space_collaboration, space_admin):
    return discussions.do_open_space(
        actor=space_admin,
        kind="collaboration",
        owner_id=space_collaboration.pk,
        title="HELIX space",
    )


@pytest.fixture
def space_thread(space, space_member):
    return discussions.do_start_thread(
        space, actor=space_member, title="Calibration of the ECAL", body="Which run do we use?"
    )


@pytest.fixture
def project_space(space_admin, space_member):
    project = project_changes.do_propose_project(
        actor=space_admin, title="Dimuons", kind="experiment"
    )
    from science4peace.projects.models import ProjectMember

    ProjectMember.objects.create(
        project=project, person=space_member.person, status=ProjectMember.Status.MEMBER
    )
    return discussions.do_open_space(
        actor=space_admin, kind="project", owner_id=project.pk, title="Dimuons space"
    )


@pytest.fixture
def event_space(space_admin, space_member):
    event = do_create_event(
        actor=space_admin,
        title="Online workshop",
        kind=Event.Kind.WORKSHOP,
        timezone="Europe/Zurich",
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 2),
    )
    Registration.objects.create(
        event=event,
        user=space_member,
        status=Registration.Status.REGISTERED,
        queued_at=timezone.now(),
        consent_at=timezone.now(),
    )
    return discussions.do_open_space(
        actor=space_admin, kind="event", owner_id=event.pk, title="Workshop space"
    )
