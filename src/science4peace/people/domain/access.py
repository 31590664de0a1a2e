"""The permission funnel of the people app. Views and API handlers obtain people,
affiliations and API tokens only through these functions, which fetch and check in one step:
``Http404`` for what the actor may not know exists, ``PermissionDenied`` for what the actor
may see but not change. People and their affiliations are public; API tokens are private."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.people import rules
from science4peace.people.domain.queries import list_people, person_of
from science4peace.people.models import Affiliation, ApiToken, Person


def access_person(actor: Any, person_id: int, *, to: Literal["see", "edit"] = "see") -> Person:
    """The person with the affiliation history the pages and the API show."""
    person = list_people(named=False).filter(pk=person_id).first()
    if person is None:
        raise Http404(_("No person with id %(id)s.") % {"id": person_id})
    if to == "edit" and not rules.can_edit_person(actor, person):
        raise PermissionDenied(_("You may not change this person."))
    return person


def access_own_person(actor: Any) -> Person:
    """The signed-in actor's person record, created empty on first use."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    person = person_of(actor)
    if person is None:
        person, _created = Person.objects.get_or_create(user=actor)
    return person


def access_affiliation(
    actor: Any, affiliation_id: int, *, to: Literal["see", "edit"] = "see"
) -> Affiliation:
    affiliation = (
        Affiliation.objects.select_related("person", "institution")
        .filter(pk=affiliation_id)
        .first()
    )
    if affiliation is None:
        raise Http404(_("No affiliation with id %(id)s.") % {"id": affiliation_id})
    if to == "edit" and not rules.can_edit_person(actor, affiliation.person):
        raise PermissionDenied(_("You may not change this person."))
    return affiliation


def access_api_token(actor: Any, token_id: int) -> ApiToken:
    """One of the actor's own tokens; another person's token does not exist for them."""
    token = ApiToken.objects.filter(pk=token_id, user_id=actor.pk).first() if actor.pk else None
    if token is None:
        raise Http404(_("No API token with id %(id)s.") % {"id": token_id})
    return token
