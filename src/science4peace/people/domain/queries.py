"""Read queries behind the people pages, fragments and API endpoints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from science4peace.people.models import Affiliation, ApiToken, Person

_AFFILIATIONS = Prefetch(
    "affiliations",
    queryset=Affiliation.objects.select_related("institution__country").order_by("-start", "id"),
)


def person_of(user: Any) -> Person | None:
    """The person record of a signed-in user; None for anonymous visitors and for accounts
    that have no person record yet. The one place that answers "who is this user"."""
    if not user.is_authenticated:
        return None
    try:
        person: Person = user.person
    except Person.DoesNotExist:
        return None
    return person


def list_people(
    *, q: str = "", institution: int | None = None, named: bool = True
) -> QuerySet[Person]:
    """People by name. Directories leave out people who gave no name at all (an account's
    person record starts empty), so no list shows an empty link; ``named=False`` keeps them
    (for fetching one person, whose page says "(no name given)")."""
    people = Person.objects.prefetch_related(_AFFILIATIONS)
    if named:
        people = people.exclude(given_name="", family_name="")
    if q:
        people = people.filter(_name_matches(q) | Q(orcid=q.strip()))
    if institution:
        people = people.filter(affiliations__institution_id=institution).distinct()
    return people.order_by("family_name", "given_name", "id")


def _name_matches(q: str) -> Q:
    """Every word typed is part of one of the names ("ivanova an" finds Anna Ivanova)."""
    condition = Q()
    for word in q.split()[:8]:
        condition &= (
            Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Q(native_name__icontains=word)
            | Q(paper_name__icontains=word)
        )
    return condition


def people_with_ids(ids: Sequence[int]) -> QuerySet[Person]:
    """The people with these ids (a picker's choice), as ``list_people`` reads them."""
    return list_people(named=False).filter(pk__in=list(ids))


def get_person(pk: int) -> Person:
    return list_people(named=False).get(pk=pk)


def count_people() -> int:
    return Person.objects.count()


def list_api_tokens(actor: Any) -> QuerySet[ApiToken]:
    """The actor's own API tokens, newest first (none for anonymous visitors)."""
    if not actor.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=actor.pk).order_by("-created", "-id")


def account_with_email(email: str) -> Any:
    """The account with this e-mail address (in any case), or a form error naming it."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account has the e-mail address %(email)s.") % {"email": email}}
        )
    return user
