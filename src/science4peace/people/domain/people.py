"""Changing people and their affiliations: ``check_*`` validate, ``do_*`` change state and
write the audit log (the ``access_*`` functions are in ``access.py``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.core.identifiers import clean_orcid
from science4peace.core.validators import validate_zone
from science4peace.institutions.models import Institution
from science4peace.people import rules
from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Affiliation, Person

PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "paper_name",
    "native_name",
    "orcid",
    "city",
    "location_country_id",
    "latitude",
    "longitude",
    "timezone",
)


def check_orcid(value: str | None, *, person: Person | None = None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        orcid = clean_orcid(value)
    except ValidationError as exc:
        raise ValidationError({"orcid": exc.messages}) from exc
    others = Person.objects.filter(orcid=orcid)
    if person is not None and person.pk:
        others = others.exclude(pk=person.pk)
    if others.exists():
        raise ValidationError(
            {"orcid": _("The ORCID iD %(orcid)s belongs to another person.") % {"orcid": orcid}}
        )
    return orcid


def check_timezone(value: str) -> str:
    """An empty zone (not given) or an IANA name."""
    if value:
        validate_zone(value)
    return value


@transaction.atomic
def do_update_person(person: Person, *, actor: Any, **changes: Any) -> Person:
    if not rules.can_edit_person(actor, person):
        raise PermissionDenied(_("You may not change this person."))
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    before = audit.snapshot(person, PROFILE_FIELDS)
    for name, value in changes.items():
        # None clears a field; a text column stores that as "" (it has no NULL).
        if value is None and not getattr(Person._meta.get_field(name), "null", False):
            changes[name] = ""
    if "orcid" in changes:
        changes["orcid"] = check_orcid(changes["orcid"], person=person)
    if "timezone" in changes:
        try:
            changes["timezone"] = check_timezone(changes["timezone"] or "")
        except ValidationError as exc:
            raise ValidationError({"timezone": exc.messages}) from exc
    for name, value in changes.items():
        setattr(person, name, value)
    person.full_clean(exclude=["user"])
    person.save()
    audit.record(
        actor=actor,
        action="person.update",
        obj=person,
        before=before,
        after=audit.snapshot(person, PROFILE_FIELDS),
    )
    return person


@transaction.atomic
def do_link_orcid(user: Any, *, orcid: str, given_name: str = "", family_name: str = "") -> Person:
    """After a sign-in with ORCID: record the iD (when valid and nobody else's) and fill empty
    names. The iD comes from ORCID itself, so the user is the actor."""
    person = access_own_person(user)
    before = audit.snapshot(person, PROFILE_FIELDS)
    # An invalid or already-linked iD is not recorded; the account still works.
    with contextlib.suppress(ValidationError):
        person.orcid = person.orcid or check_orcid(orcid, person=person)
    person.given_name = person.given_name or given_name
    person.family_name = person.family_name or family_name
    person.save(update_fields=["orcid", "given_name", "family_name", "updated"])
    audit.record(
        actor=user,
        action="person.link-orcid",
        obj=person,
        before=before,
        after=audit.snapshot(person, PROFILE_FIELDS),
    )
    return person


def _overlaps(start: dt.date, end: dt.date | None) -> Q:
    condition = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        condition &= Q(start__lte=end)
    return condition


def check_affiliation(
    person: Person,
    *,
    institution: Institution,
    kind: str,
    start: dt.date,
    end: dt.date | None,
    exclude: Affiliation | None = None,
) -> None:
    """Dates in order; no overlap with the same institution; one primary at a time."""
    if end is not None and end < start:
        raise ValidationError({"end": _("The affiliation ends before it starts.")})
    existing = person.affiliations.filter(_overlaps(start, end))
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    same = existing.filter(institution=institution).first()
    if same:
        raise ValidationError(
            {
                "start": _(
                    "This period overlaps the affiliation with %(institution)s from %(start)s."
                )
                % {"institution": institution, "start": same.start.isoformat()}
            }
        )
    if kind == Affiliation.Kind.PRIMARY:
        primary = (
            existing.filter(kind=Affiliation.Kind.PRIMARY).select_related("institution").first()
        )
        if primary:
            raise ValidationError(
                {
                    "start": _(
                        "This period overlaps the primary affiliation "
                        "with %(institution)s from %(start)s; mark "
                        "one of them as “also at”."
                    )
                    % {"institution": primary.institution, "start": primary.start.isoformat()}
                }
            )


@transaction.atomic
def do_add_affiliation(
    person: Person,
    *,
    actor: Any,
    institution: Institution,
    start: dt.date,
    end: dt.date | None = None,
    role: str = "",
    kind: str = Affiliation.Kind.PRIMARY,
) -> Affiliation:
    if not rules.can_edit_person(actor, person):
        raise PermissionDenied(_("You may not change this person."))
    # Lock the person row so two concurrent additions cannot both pass the overlap check.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    check_affiliation(person, institution=institution, kind=kind, start=start, end=end)
    affiliation = Affiliation(
        person=person, institution=institution, start=start, end=end, role=role, kind=kind
    )
    affiliation.full_clean()
    affiliation.save()
    audit.record(
        actor=actor, action="affiliation.add", obj=affiliation, after=audit.snapshot(affiliation)
    )
    return affiliation


@transaction.atomic
def do_remove_affiliation(affiliation: Affiliation, *, actor: Any) -> None:
    if not rules.can_edit_person(actor, affiliation.person):
        raise PermissionDenied(_("You may not change this person."))
    before = audit.snapshot(affiliation)
    audit.record(actor=actor, action="affiliation.remove", obj=affiliation, before=before)
    affiliation.delete()
