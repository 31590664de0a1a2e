import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from science4peace.collaborations.domain import access, changes
from science4peace.collaborations.domain.queries import authors_on_date
from science4peace.collaborations.models import Resource, WorkContribution
from science4peace.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 22)


def test_mover_keeps_access_after_moving_institutes(mover, user, dataset):
    changes.do_accept_pledge(actor=user)
    resource, decision = access.access_resource(user, dataset.pk, to="open", today=TODAY)
    reasons = access.describe(decision)
    assert (resource, decision.allowed) == (dataset, True)
    assert reasons[:2] == [
        "confirmed contribution: ECAL construction 2013–2016",
        "access until 2041-12-31",
    ]
    assert reasons[2].startswith("pledge v1 accepted ")


def test_mover_keeps_authorship_continuity(mover, helix, wuppertal):
    (row,) = authors_on_date(helix, D(2023, 10, 1))
    assert (row.person.pk, row.since, row.institutions) == (mover.pk, D(2013, 9, 1), [wuppertal])


def test_access_is_audited_each_time(mover, user, dataset):
    changes.do_accept_pledge(actor=user)
    access.access_resource(user, dataset.pk, to="open", today=TODAY)
    access.access_resource(user, dataset.pk, to="open", today=TODAY)
    entries = AuditEntry.objects.filter(action="resource.access")
    assert [(e.actor, e.object_repr) for e in entries] == [(user, "Run 3 data")] * 2


def test_no_pledge_means_no_access(mover, user, dataset):
    with pytest.raises(PermissionDenied, match=r"accept the civil-use pledge v1 first"):
        access.access_resource(user, dataset.pk, to="open", today=TODAY)
    assert not AuditEntry.objects.filter(action="resource.access").exists()


def test_new_pledge_version_needs_a_new_acceptance(mover, user, staff, dataset):
    changes.do_accept_pledge(actor=user)
    changes.do_publish_pledge(actor=staff, text="Version two.")
    decision = access.decide_resource(dataset, user, TODAY)
    assert access.describe(decision) == ["accept the civil-use pledge v2 first"]
    changes.do_accept_pledge(actor=user)
    assert access.decide_resource(dataset, user, TODAY).allowed


def test_no_confirmed_contribution_means_no_access(mover, user, dataset):
    changes.do_accept_pledge(actor=user)
    WorkContribution.objects.update(status=WorkContribution.Status.PENDING)
    decision = access.decide_resource(dataset, user, TODAY)
    assert access.describe(decision) == ["no confirmed contribution that the access rule accepts"]


def test_access_ends_at_completion(mover, user, dataset, helix):
    changes.do_accept_pledge(actor=user)
    assert not access.decide_resource(dataset, user, D(2042, 1, 1)).allowed


def test_public_resource_is_open_to_anyone(helix, client):
    resource = Resource.objects.create(
        collaboration=helix,
        title="Open",
        kind="dataset",
        sensitivity="public",
        url="https://opendata.cern.ch/",
    )
    from django.contrib.auth.models import AnonymousUser

    assert access.describe(access.decide_resource(resource, AnonymousUser())) == [
        "public resource: open to everyone"
    ]


def test_administrator_only_resource(mover, user, staff, helix):
    resource = Resource.objects.create(
        collaboration=helix,
        title="Budget",
        kind="document",
        sensitivity="administrators",
        url="https://x.example.org",
    )
    changes.do_accept_pledge(actor=user)
    assert not access.decide_resource(resource, user, TODAY).allowed
    helix.administrators.add(user)
    assert access.decide_resource(resource, user, TODAY).allowed
