from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination, Text
from science4peace.institutions.domain import institutions as domain
from science4peace.institutions.domain import queries
from science4peace.institutions.domain.access import access_institution
from science4peace.institutions.interfaces.schemas import CountryOut, InstitutionIn, InstitutionOut
from science4peace.institutions.models import Country, Institution
from science4peace.people.interfaces.auth import TokenAuth

router = Router(tags=["institutions"])


class InstitutionFilters(Schema):
    q: Text = ""
    country: Text = ""
    kind: Text = ""


@router.get("/institutions", response=list[InstitutionOut])
@paginate(Pagination)
def list_institutions(
    request: HttpRequest, filters: Query[InstitutionFilters]
) -> QuerySet[Institution]:
    return queries.list_institutions(q=filters.q, country=filters.country, kind=filters.kind)


@router.get("/institutions/{int:institution_id}", response={200: InstitutionOut, 404: ErrorOut})
def get_institution(request: HttpRequest, institution_id: ObjectId) -> Institution:
    return access_institution(request.user, institution_id)


@router.post(
    "/institutions",
    auth=TokenAuth(),
    response={201: InstitutionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
)
def create_institution(request: HttpRequest, payload: InstitutionIn) -> Status[Any]:
    institution = domain.do_create_institution(actor=request.user, **payload.dict())
    return Status(201, access_institution(request.user, institution.pk))


@router.get("/countries", response=list[CountryOut])
def list_countries(request: HttpRequest) -> QuerySet[Country]:
    return queries.list_countries()
