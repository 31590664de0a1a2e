"""The permission funnel of the institutions app: views and API handlers obtain institutions
only through ``access_institution``. Institutions are public; changing one is for
administrators (``rules.can_edit_institution``)."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.institutions import rules
from science4peace.institutions.domain.queries import list_institutions
from science4peace.institutions.models import Institution


def access_institution(
    actor: Any, institution_id: int, *, to: Literal["see", "edit"] = "see"
) -> Institution:
    """The institution with its country, codes and parent, as the pages and the API show it;
    ``Http404`` when there is none, ``PermissionDenied`` when the actor may not change it."""
    institution = list_institutions().select_related("parent").filter(pk=institution_id).first()
    if institution is None:
        raise Http404(_("No institution with id %(id)s.") % {"id": institution_id})
    if to == "edit" and not rules.can_edit_institution(actor):
        raise PermissionDenied(_("Only administrators may change institutions."))
    return institution
