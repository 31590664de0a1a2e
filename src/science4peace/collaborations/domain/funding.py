"""The funding agencies each member institution asks to acknowledge: edited by the
collaboration's administrators on the collaboration's pages, audited, and acknowledged by
every author list the collaboration's papers produce, under every policy."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.collaborations import rules
from science4peace.collaborations.domain.access import access_collaboration
from science4peace.collaborations.models import Collaboration, MemberInstitution
from science4peace.core import audit

MAX_AGENCIES = 30
MAX_AGENCY_LENGTH = 200


def access_member_institution(
    actor: Any, collaboration_id: int, member_id: int
) -> MemberInstitution:
    """One member institution of the collaboration, for its administrators."""
    collaboration = access_collaboration(actor, collaboration_id, to="administer")
    member = (
        MemberInstitution.objects.select_related("institution", "collaboration")
        .filter(pk=member_id, collaboration=collaboration)
        .first()
    )
    if member is None:
        raise Http404(_("No such member institution."))
    return member


def list_funding(collaboration: Collaboration) -> list[MemberInstitution]:
    """The member institutions with their agencies, by institution name; one query."""
    return list(
        MemberInstitution.objects.filter(collaboration=collaboration)
        .select_related("institution")
        .order_by("institution__name", "pk")
    )


def check_funding_agencies(text: str) -> list[str]:
    """One agency a line; blank lines and repeats left out, order kept."""
    agencies = list(dict.fromkeys(" ".join(line.split()) for line in text.splitlines()))
    agencies = [agency for agency in agencies if agency]
    too_long = [a for a in agencies if len(a) > MAX_AGENCY_LENGTH]
    if too_long:
        raise ValidationError(
            {
                "agencies": _("An agency's name has at most %(limit)s characters: %(name)s…")
                % {"limit": MAX_AGENCY_LENGTH, "name": too_long[0][:40]}
            }
        )
    if len(agencies) > MAX_AGENCIES:
        raise ValidationError(
            {"agencies": _("At most %(limit)s agencies per institution.") % {"limit": MAX_AGENCIES}}
        )
    return agencies


@transaction.atomic
def do_set_funding_agencies(
    member: MemberInstitution, *, actor: Any, agencies: str
) -> MemberInstitution:
    """Replace the institution's agencies (``agencies``: one a line); audited."""
    if not rules.is_administrator(actor, member.collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    cleaned = check_funding_agencies(agencies)
    locked = MemberInstitution.objects.select_for_update().get(pk=member.pk)
    if locked.funding_agencies == cleaned:
        return locked
    before = audit.snapshot(locked, ["funding_agencies"])
    locked.funding_agencies = cleaned
    locked.save(update_fields=["funding_agencies"])
    audit.record(
        actor=actor,
        action="collaboration.funding",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, ["funding_agencies"]),
    )
    return locked
