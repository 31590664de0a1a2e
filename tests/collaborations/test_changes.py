import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from science4peace.collaborations.domain import changes
from science4peace.collaborations.models import Membership, Resource, WorkContribution

pytestmark = pytest.mark.django_db
D = dt.date


def test_overlapping_memberships_of_one_person_are_refused(mover, helix, staff, jinr):
    with pytest.raises(ValidationError, match="already a member from 2023-09-01"):
        changes.do_add_membership(
            helix, actor=staff, person=mover, institution=jinr, start=D(2024, 1, 1)
        )
    assert Membership.objects.filter(person=mover).count() == 3


def test_membership_ending_before_it_starts_is_refused(helix, staff, jinr):
    from science4peace.people.models import Person

    person = Person.objects.create(family_name="X")
    with pytest.raises(ValidationError, match="ends before it starts"):
        changes.do_add_membership(
            helix,
            actor=staff,
            person=person,
            institution=jinr,
            start=D(2024, 1, 1),
            end=D(2023, 1, 1),
        )
    assert Membership.objects.count() == 0


def test_only_administrators_add_memberships(helix, user, jinr, mover):
    with pytest.raises(PermissionDenied):
        changes.do_add_membership(
            helix, actor=user, person=mover, institution=jinr, start=D(2030, 1, 1)
        )


def test_contribution_outside_membership_is_refused(mover, user, helix):
    with pytest.raises(ValidationError, match="within your membership"):
        changes.do_submit_work_contribution(
            helix,
            actor=user,
            kind="software",
            description="x",
            start=D(2010, 1, 1),
            end=D(2011, 1, 1),
        )
    assert WorkContribution.objects.filter(description="x").count() == 0


def test_contribution_across_a_move_is_accepted(mover, user, helix):
    contribution = changes.do_submit_work_contribution(
        helix,
        actor=user,
        kind="software",
        description="trigger",
        start=D(2018, 1, 1),
        end=D(2020, 1, 1),
    )
    assert contribution.status == WorkContribution.Status.PENDING


def test_double_submitted_contribution_is_stored_once(mover, user, helix):
    for _click in range(2):
        changes.do_submit_work_contribution(
            helix,
            actor=user,
            kind="software",
            description="DAQ",
            start=D(2020, 1, 1),
            end=D(2021, 1, 1),
        )
    assert WorkContribution.objects.filter(description="DAQ").count() == 1


def test_upload_over_the_limit_is_refused(helix, staff, settings):
    settings.S4P_MAX_UPLOAD_BYTES = 10
    upload = SimpleUploadedFile("notes.pdf", b"x" * 11)
    with pytest.raises(ValidationError, match="11 bytes; the limit is 10 bytes"):
        changes.do_add_resource(
            helix,
            actor=staff,
            title="Notes",
            kind="note",
            sensitivity="contributors",
            upload=upload,
        )
    assert Resource.objects.count() == 0


def test_upload_within_limit_is_stored(helix, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = changes.do_add_resource(
        helix,
        actor=staff,
        title="Notes",
        kind="note",
        sensitivity="contributors",
        upload=SimpleUploadedFile("notes.txt", b"calibration"),
    )
    with resource.file.open("rb") as stored:
        assert (resource.size, stored.read()) == (11, b"calibration")


def test_resource_needs_a_link_or_a_file(helix, staff):
    with pytest.raises(ValidationError, match="either a link or a file"):
        changes.do_add_resource(
            helix, actor=staff, title="Nothing", kind="note", sensitivity="public"
        )
