"""Issue 12 for the catalog: what an administrator edits in a record refuses control
characters in one-line texts and oversize text, naming the field; real records pass."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.urls import reverse

from science4peace.catalog.models import Record

pytestmark = pytest.mark.django_db
READ_ONLY = set(admin.site._registry[Record].readonly_fields)
TEXTS = [
    field.name
    for field in Record._meta.get_fields()
    if getattr(field, "get_internal_type", lambda: "")() in {"CharField", "TextField"}
    and field.editable
    and field.name not in READ_ONLY
]


def _change(client, record: Record, **changes):
    """Posts the admin's change form of ``record`` with ``changes``, as a browser would."""
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    data = model_to_dict(record, exclude=sorted(READ_ONLY))
    data = {
        k: json.dumps(v) if isinstance(v, list) else ("" if v is None else v)
        for k, v in data.items()
    }
    return client.post(
        reverse("admin:catalog_record_change", args=[record.pk]), {**data, **changes}
    )


def test_every_admin_text_of_a_record_has_a_validator():
    unchecked = [name for name in TEXTS if not Record._meta.get_field(name).validators]
    assert (unchecked, "title" in TEXTS, "abstract" in TEXTS) == ([], True, True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "title",
            "DoubleMu\n\\input{/etc/passwd}",
            "Remove the control character U+000A (LINE FEED): this text must be one line of text.",
        ),
        (
            "experiment",
            "CMS\u202e",
            "Remove the control character U+202E (RIGHT-TO-LEFT OVERRIDE): "
            "this text must be one line of text.",
        ),
        ("abstract", "a\x1bb", "Remove the control character U+001B (control character)."),
        ("title", "x" * 1001, "Ensure this value has at most 1000 characters (it has 1001)."),
    ],
)
def test_admin_refuses_a_bad_text_and_changes_nothing(
    client, portal_records, field, value, message
):
    record = Record.objects.get(recid=17)
    before = getattr(record, field)
    response = _change(client, record, **{field: value})
    errors = response.context["adminform"].form.errors
    assert (response.status_code, errors) == (200, {field: [message]})
    record.refresh_from_db()
    assert getattr(record, field) == before


def test_admin_saves_a_correction_with_line_breaks_in_the_abstract(client, portal_records):
    record = Record.objects.get(recid=17)
    response = _change(client, record, abstract="First line.\nSecond line.")
    record.refresh_from_db()
    assert (response.status_code, record.abstract) == (302, "First line.\nSecond line.")


def test_every_real_record_passes_the_text_checks(portal_records):
    others = [f.name for f in Record._meta.get_fields() if f.concrete and f.name not in TEXTS]
    refused = {}
    for record in Record.objects.all():
        try:
            record.clean_fields(exclude=others)
        except Exception as error:
            refused[record.recid] = str(error)
    assert refused == {}
