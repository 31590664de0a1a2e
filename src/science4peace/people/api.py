from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination, Text
from science4peace.institutions.domain.access import access_institution
from science4peace.people.domain import access, queries
from science4peace.people.domain import people as domain
from science4peace.people.interfaces.auth import TokenAuth
from science4peace.people.interfaces.schemas import (
    AffiliationIn,
    AffiliationOut,
    PersonMeOut,
    PersonOut,
    PersonPatch,
)
from science4peace.people.models import Person

router = Router(tags=["people"])


class PeopleFilters(Schema):
    q: Text = ""
    institution: ObjectId | None = None


@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> QuerySet[Person]:
    return queries.list_people(q=filters.q, institution=filters.institution)


@router.get("/people/{int:person_id}", response={200: PersonOut, 404: ErrorOut})
def get_person(request: HttpRequest, person_id: ObjectId) -> Person:
    return access.access_person(request.user, person_id)


@router.get("/me", auth=TokenAuth(), response={200: PersonMeOut, 401: ErrorOut})
def get_me(request: HttpRequest) -> Person:
    return queries.get_person(access.access_own_person(request.user).pk)


@router.patch("/me", auth=TokenAuth(), response={200: PersonMeOut, 400: ErrorOut, 401: ErrorOut})
def update_me(request: HttpRequest, payload: PersonPatch) -> Person:
    person = access.access_own_person(request.user)
    changes = payload.dict(exclude_unset=True)
    if "location_country" in changes:
        changes["location_country_id"] = changes.pop("location_country")
    domain.do_update_person(person, actor=request.user, **changes)
    return queries.get_person(person.pk)


@router.post(
    "/me/affiliations",
    auth=TokenAuth(),
    response={201: AffiliationOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
)
def add_my_affiliation(request: HttpRequest, payload: AffiliationIn) -> Status[Any]:
    person = access.access_own_person(request.user)
    data = payload.dict()
    data["institution"] = access_institution(request.user, data["institution"])
    affiliation = domain.do_add_affiliation(person, actor=request.user, **data)
    return Status(201, affiliation)
