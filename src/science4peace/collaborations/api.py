import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.collaborations import rules
from science4peace.collaborations.domain import access, changes, queries
from science4peace.collaborations.interfaces.schemas import (
    AccessOut,
    AuthorOut,
    CollaborationOut,
    DecisionIn,
    MemberOut,
    PledgeOut,
    ResourceOut,
    WorkContributionIn,
    WorkContributionOut,
)
from science4peace.collaborations.models import (
    Collaboration,
    Membership,
    Resource,
    WorkContribution,
)
from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination, Text
from science4peace.people.interfaces.auth import TokenAuth, optional_user
from science4peace.people.models import Person

router = Router(tags=["collaborations"])


@router.get("/collaborations", response=list[CollaborationOut])
def list_collaborations(request: HttpRequest) -> QuerySet[Collaboration]:
    return queries.list_collaborations()


@router.get(
    "/collaborations/{int:collaboration_id}", response={200: CollaborationOut, 404: ErrorOut}
)
def get_collaboration(request: HttpRequest, collaboration_id: ObjectId) -> Collaboration:
    return get_object_or_404(Collaboration, pk=collaboration_id)


class MemberFilters(Schema):
    institution: ObjectId | None = None
    role: Text = ""
    active_on: dt.date | None = None


@router.get(
    "/collaborations/{int:collaboration_id}/members", response={200: list[MemberOut], 404: ErrorOut}
)
@paginate(Pagination)
def list_members(
    request: HttpRequest, collaboration_id: ObjectId, filters: Query[MemberFilters]
) -> QuerySet[Membership]:
    collaboration = get_object_or_404(Collaboration, pk=collaboration_id)
    return queries.list_members(
        collaboration,
        institution=filters.institution,
        role=filters.role,
        active_on=filters.active_on,
    )


@router.get(
    "/collaborations/{int:collaboration_id}/contributions",
    response={200: list[WorkContributionOut], 401: ErrorOut, 404: ErrorOut},
)
def list_contributions(
    request: HttpRequest, collaboration_id: ObjectId
) -> QuerySet[WorkContribution]:
    collaboration = get_object_or_404(Collaboration, pk=collaboration_id)
    user = optional_user(request)
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    return queries.list_contributions(
        collaboration, person=person, everything=rules.is_administrator(user, collaboration)
    )


@router.post(
    "/collaborations/{int:collaboration_id}/contributions",
    auth=TokenAuth(),
    response={201: WorkContributionOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
)
def submit_contribution(
    request: HttpRequest, collaboration_id: ObjectId, payload: WorkContributionIn
) -> Status[Any]:
    collaboration = get_object_or_404(Collaboration, pk=collaboration_id)
    contribution = changes.do_submit_contribution(
        collaboration, actor=request.user, **payload.dict()
    )
    return Status(201, contribution)


@router.post(
    "/contributions/{int:contribution_id}/decision",
    auth=TokenAuth(),
    response={200: WorkContributionOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def decide_contribution(
    request: HttpRequest, contribution_id: ObjectId, payload: DecisionIn
) -> WorkContribution:
    contribution = get_object_or_404(
        WorkContribution.objects.select_related("collaboration"), pk=contribution_id
    )
    return changes.do_decide_contribution(contribution, actor=request.user, confirm=payload.confirm)


@router.get(
    "/collaborations/{int:collaboration_id}/resources",
    response={200: list[ResourceOut], 401: ErrorOut, 404: ErrorOut},
)
def list_resources(request: HttpRequest, collaboration_id: ObjectId) -> list[dict[str, Any]]:
    collaboration = get_object_or_404(Collaboration, pk=collaboration_id)
    user = optional_user(request)
    rows = []
    listed = list(queries.list_resources(collaboration))
    for resource, decision in access.decide_resources(collaboration, listed, user):
        rows.append(
            {
                "id": resource.pk,
                "title": resource.title,
                "kind": resource.kind,
                "sensitivity": resource.sensitivity,
                "size": resource.size,
                "access": {"allowed": decision.allowed, "reasons": access.describe(decision)},
            }
        )
    return rows


@router.get(
    "/resources/{int:resource_id}/access", response={200: AccessOut, 401: ErrorOut, 404: ErrorOut}
)
def resource_access(request: HttpRequest, resource_id: ObjectId) -> dict[str, Any]:
    resource = get_object_or_404(Resource.objects.select_related("collaboration"), pk=resource_id)
    decision = access.decide_resource(resource, optional_user(request))
    return {"allowed": decision.allowed, "reasons": access.describe(decision)}


class AuthorsQuery(Schema):
    date: dt.date | None = None


@router.get(
    "/collaborations/{int:collaboration_id}/authors", response={200: list[AuthorOut], 404: ErrorOut}
)
def authors(
    request: HttpRequest, collaboration_id: ObjectId, params: Query[AuthorsQuery]
) -> list[dict[str, Any]]:
    collaboration = get_object_or_404(Collaboration, pk=collaboration_id)
    day = params.date or timezone.localdate()
    return [
        {
            "person": row.person.pk,
            "name": row.person.display_name,
            "since": row.since,
            "institutions": [i.pk for i in row.institutions],
        }
        for row in queries.authors_on_date(collaboration, day)
    ]


@router.get("/pledge", response={200: PledgeOut, 401: ErrorOut, 404: ErrorOut})
def get_pledge(request: HttpRequest) -> dict[str, Any]:
    pledge = access.current_pledge()
    if pledge is None:
        raise Http404("no civil-use pledge is published")
    user = optional_user(request)
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    state = access.pledge_state(person)
    return {
        "version": pledge.version,
        "text": pledge.text,
        "accepted": state.accepted_version == pledge.version,
    }


@router.post(
    "/pledge/accept", auth=TokenAuth(), response={200: PledgeOut, 400: ErrorOut, 401: ErrorOut}
)
def accept_pledge(request: HttpRequest) -> dict[str, Any]:
    acceptance = changes.do_accept_pledge(actor=request.user)
    return {"version": acceptance.pledge.version, "text": acceptance.pledge.text, "accepted": True}
