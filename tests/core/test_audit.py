import pytest
from django.db import DatabaseError, connection, transaction

from science4peace.core import audit
from science4peace.core.models import AuditEntry
from science4peace.core.models.audit import AppendOnlyError

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cern, user):
    return audit.record(actor=user, action="test.touch", obj=cern, before={"a": 1}, after={"a": 2})


def test_audit_record_keeps_actor_object_and_change(entry, cern):
    assert (
        entry.actor_label,
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.before,
        entry.after,
    ) == ("ada", "institutions.institution", str(cern.pk), "CERN", {"a": 1}, {"a": 2})


def test_audit_entries_cannot_be_changed_through_the_orm(entry):
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditentry SET action = 'forged'",
        "DELETE FROM core_auditentry",
    ],
)
def test_audit_entries_cannot_be_changed_in_sql(entry, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEntry.objects.get().action == "test.touch"


def test_audit_log_is_visible_to_administrators_only(client, staff, user, entry):
    client.force_login(user)
    assert client.get("/admin/core/auditentry/").status_code == 302
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    response = client.get("/admin/core/auditentry/")
    assert response.status_code == 200
    assert "test.touch" in response.content.decode()
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
