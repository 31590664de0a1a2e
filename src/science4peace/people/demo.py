"""Demo data (``demo_data/``): fictional people at real institutions, loaded idempotently."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from importlib import resources
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from science4peace.institutions.domain.institutions import do_import_organisations
from science4peace.institutions.models import Institution
from science4peace.lib.orgrecords import OrgRecord, record_from_row
from science4peace.people.models import Affiliation, Person

ADMIN_EMAIL = "admin@demo.science4peace.org"
ADMIN_PASSWORD = "demo-admin-password"  # noqa: S105 (demo only, printed by `s4p demo`)
CARBERRY_ORCID = "0000-0002-1825-0097"  # ORCID's documented test identity
DATA = resources.files("science4peace.people").joinpath("demo_data")


def institution_rows() -> list[dict[str, str]]:
    with DATA.joinpath("institutions.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def people_rows() -> list[dict[str, Any]]:
    return json.loads(DATA.joinpath("people.json").read_text(encoding="utf-8"))


def _existing(record: OrgRecord) -> Institution | None:
    if record.ror:
        return Institution.objects.filter(ror=record.ror).first()
    return Institution.objects.filter(name=record.name).first()


def _institutions() -> dict[str, Institution]:
    records = [record_from_row(row, row["key"]) for row in institution_rows()]
    missing = [record for record in records if not _existing(record)]
    if missing:
        do_import_organisations(missing, actor=None)
    found = {record.source_id: _existing(record) for record in records}
    return {key: institution for key, institution in found.items() if institution}


def _admin() -> None:
    user, created = get_user_model().objects.get_or_create(
        username="admin", defaults={"email": ADMIN_EMAIL, "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )


def _person(row: dict[str, Any], institutions: dict[str, Institution]) -> None:
    person, _created = Person.objects.get_or_create(
        given_name=row["given_name"],
        family_name=row["family_name"],
        defaults={
            "native_name": row["native_name"],
            "city": row["city"],
            "timezone": row["timezone"],
            "latitude": Decimal(row["latitude"]),
            "longitude": Decimal(row["longitude"]),
            "paper_name": f"{row['given_name'][0]}. {row['family_name']}",
            "orcid": CARBERRY_ORCID if row["family_name"] == "Carberry" else None,
        },
    )
    for item in row["affiliations"]:
        Affiliation.objects.get_or_create(
            person=person,
            institution=institutions[item["institution"]],
            start=dt.date.fromisoformat(item["start"]),
            defaults={
                "role": item["role"],
                "kind": item["kind"],
                "end": dt.date.fromisoformat(item["end"]) if item["end"] else None,
            },
        )


@transaction.atomic
def load_demo() -> tuple[int, int]:
    """Load (or complete) the demo data; running it twice changes nothing."""
    institutions = _institutions()
    _admin()
    for row in people_rows():
        _person(row, institutions)
    return Person.objects.count(), Institution.objects.count()
