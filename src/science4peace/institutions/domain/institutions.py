"""Changing institutions: create, update and import, each audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.domain import pagetopics
from science4peace.core.identifiers import clean_ror
from science4peace.institutions import rules
from science4peace.institutions.models import Country, Institution, InstitutionCode
from science4peace.lib.orgrecords import OrgRecord

EDITABLE = ("name", "ror", "country_id", "kind", "address", "website", "parent_id")


def check_ror(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return clean_ror(value)
    except ValidationError as exc:
        raise ValidationError({"ror": exc.messages}) from exc


def check_country(code: str | None) -> str | None:
    if not code:
        return None
    if not Country.objects.filter(code=code.upper()).exists():
        raise ValidationError(
            {"country": _("%(code)s is not an ISO 3166-1 country code.") % {"code": code}}
        )
    return code.upper()


def check_new_codes(icns: list[str], *, institution: Institution | None = None) -> list[str]:
    cleaned = sorted({icn.strip() for icn in icns if icn.strip()})
    taken = InstitutionCode.objects.filter(icn__in=cleaned)
    if institution is not None:
        taken = taken.exclude(institution=institution)
    clash = list(taken.values_list("icn", flat=True))
    if clash:
        raise ValidationError(
            {
                "icns": _("INSPIRE code already used by another institution: %(codes)s")
                % {"codes": ", ".join(clash)}
            }
        )
    return cleaned


@transaction.atomic
def do_create_institution(
    *,
    actor: Any,
    name: str,
    ror: str | None = None,
    country: str | None = None,
    kind: str = Institution.Kind.OTHER,
    address: str = "",
    website: str = "",
    parent_id: int | None = None,
    icns: list[str] | None = None,
) -> Institution:
    if not rules.can_create_institution(actor):
        raise PermissionDenied(_("Log in to add an institution."))
    institution = Institution(
        name=name.strip(),
        ror=check_ror(ror),
        country_id=check_country(country),
        kind=kind,
        address=address,
        website=website,
        parent_id=parent_id,
    )
    institution.full_clean()
    codes = check_new_codes(icns or [])
    institution.save()
    InstitutionCode.objects.bulk_create(
        InstitutionCode(institution=institution, icn=icn) for icn in codes
    )
    audit.record(
        actor=actor,
        action="institution.create",
        obj=institution,
        after={**audit.snapshot(institution, EDITABLE), "icns": codes},
    )
    return institution


@transaction.atomic
def do_update_institution(institution: Institution, *, actor: Any, **changes: Any) -> Institution:
    if not rules.can_edit_institution(actor):
        raise PermissionDenied(_("Only administrators may change institutions."))
    before = audit.snapshot(institution, EDITABLE)
    if "ror" in changes:
        changes["ror"] = check_ror(changes["ror"])
    if "country" in changes:
        changes["country_id"] = check_country(changes.pop("country"))
    for name, value in changes.items():
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    audit.record(
        actor=actor,
        action="institution.update",
        obj=institution,
        before=before,
        after=audit.snapshot(institution, EDITABLE),
    )
    return institution


@dataclass
class ImportReport:
    created: list[Institution] = field(default_factory=list)
    updated: list[Institution] = field(default_factory=list)
    unplaced: list[OrgRecord] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unplaced)} without a recognised country"
        )
        lines = [text] + [
            f"  no country: {r.source_id} {r.name} ({r.address})" for r in self.unplaced
        ]
        return "\n".join(lines)


def _find_existing(record: OrgRecord) -> Institution | None:
    if record.ror:
        found = Institution.objects.filter(ror=record.ror).first()
        if found:
            return found
    if record.icns:
        code = InstitutionCode.objects.filter(icn__in=record.icns).select_related("institution")
        first = code.first()
        if first:
            return first.institution
    # No identifier: the same name in the same country is the same institution.
    return Institution.objects.filter(
        name=record.name[:300], country_id=record.country, ror__isnull=True
    ).first()


def _check_imported(institution: Institution, record: OrgRecord) -> None:
    """The field checks of the form (no control character in a name or an address), with
    the record named in the error."""
    try:
        institution.clean_fields(exclude=["ror", "website", "country", "parent"])
    except ValidationError as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise ValidationError(f"{record.ror or record.name[:80]!r}: {problems}") from error


@transaction.atomic
def do_import_organisations(records: list[OrgRecord], *, actor: Any) -> ImportReport:
    """Create or complete institutions from parsed records, matched by ROR, then by ICN,
    then (for records with neither) by name and country.

    An institution already known keeps its country (the seat); only missing identifiers,
    codes and addresses are added. Records without a recognised country are still imported
    with no country, and listed in the report.
    """
    report = ImportReport()
    known_countries = set(Country.objects.values_list("code", flat=True))
    for record in records:
        country = record.country if record.country in known_countries else None
        if country is None:
            report.unplaced.append(record)
        existing = _find_existing(record)
        if existing is None:
            institution = Institution(
                name=record.name[:300],
                ror=record.ror,
                country_id=country,
                kind=record.kind,
                address=record.address[:500],
                website=record.website[:300],
            )
            _check_imported(institution, record)
            institution.save()
            report.created.append(institution)
            action = "institution.import"
            before = None
        else:
            institution = existing
            before = audit.snapshot(institution, EDITABLE)
            institution.ror = institution.ror or record.ror
            institution.country_id = institution.country_id or country
            institution.address = institution.address or record.address[:500]
            institution.website = institution.website or record.website[:300]
            _check_imported(institution, record)
            institution.save()
            if institution not in report.updated and institution not in report.created:
                report.updated.append(institution)
            action = "institution.import-update"
        for icn in record.icns:
            InstitutionCode.objects.get_or_create(icn=icn, defaults={"institution": institution})
        audit.record(
            actor=actor,
            action=action,
            obj=institution,
            before=before,
            after=audit.snapshot(institution, EDITABLE),
        )
    _link_parents(records)
    return report


def _link_parents(records: list[OrgRecord]) -> None:
    for record in records:
        if record.ror and record.parent_ror:
            parent = Institution.objects.filter(ror=record.parent_ror).first()
            if parent:
                Institution.objects.filter(ror=record.ror, parent__isnull=True).update(
                    parent=parent
                )
                pagetopics.changed("institutions")  # .update() sends no signal
