import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.collaborations.domain import access, changes, joining, queries
from science4peace.collaborations.interfaces.mail import join_notify_for
from science4peace.collaborations.interfaces.schemas import (
    AccessOut,
    AuthorOut,
    CollaborationOut,
    DecisionIn,
    JoinDecisionIn,
    JoinRequestIn,
    JoinRequestOut,
    MemberOut,
    PledgeOut,
    ResourceOut,
    WorkContributionIn,
    WorkContributionOut,
)
from science4peace.collaborations.models import (
    Collaboration,
    JoinRequest,
    Membership,
    WorkContribution,
)
from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination, Text
from science4peace.institutions.domain.access import access_institution
from science4peace.lib.access import Decision
from science4peace.people.interfaces.auth import TokenAuth, optional_user

router = Router(tags=["collaborations"])


@router.get("/collaborations", response=list[CollaborationOut])
def list_collaborations(request: HttpRequest) -> QuerySet[Collaboration]:
    return queries.list_collaborations()


@router.get(
    "/collaborations/{int:collaboration_id}", response={200: CollaborationOut, 404: ErrorOut}
)
def get_collaboration(request: HttpRequest, collaboration_id: ObjectId) -> Collaboration:
    return access.access_collaboration(request.user, collaboration_id)


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
    collaboration = access.access_collaboration(request.user, collaboration_id)
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
    user = optional_user(request)
    collaboration = access.access_collaboration(user, collaboration_id)
    return queries.list_work_contributions(collaboration, actor=user)


@router.post(
    "/collaborations/{int:collaboration_id}/contributions",
    auth=TokenAuth(),
    response={201: WorkContributionOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
)
def submit_contribution(
    request: HttpRequest, collaboration_id: ObjectId, payload: WorkContributionIn
) -> Status[Any]:
    collaboration = access.access_collaboration(request.user, collaboration_id)
    contribution = changes.do_submit_work_contribution(
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
    contribution = access.access_work_contribution(request.user, contribution_id, to="decide")
    return changes.do_decide_work_contribution(
        contribution, actor=request.user, confirm=payload.confirm
    )


def _access(decision: Decision) -> dict[str, Any]:
    return {"allowed": decision.allowed, "reasons": access.describe(decision)}


@router.get(
    "/collaborations/{int:collaboration_id}/resources",
    response={200: list[ResourceOut], 401: ErrorOut, 404: ErrorOut},
)
def list_resources(request: HttpRequest, collaboration_id: ObjectId) -> list[dict[str, Any]]:
    user = optional_user(request)
    collaboration = access.access_collaboration(user, collaboration_id)
    return [
        {
            "id": row.resource.pk,
            "title": row.resource.title,
            "kind": row.resource.kind,
            "sensitivity": row.resource.sensitivity,
            "size": row.resource.size,
            "access": _access(row.decision),
        }
        for row in queries.list_resources(collaboration, actor=user)
    ]


@router.get(
    "/resources/{int:resource_id}/access", response={200: AccessOut, 401: ErrorOut, 404: ErrorOut}
)
def resource_access(request: HttpRequest, resource_id: ObjectId) -> dict[str, Any]:
    _resource, decision = access.access_resource(optional_user(request), resource_id)
    return _access(decision)


class AuthorsQuery(Schema):
    date: dt.date | None = None


@router.get(
    "/collaborations/{int:collaboration_id}/authors", response={200: list[AuthorOut], 404: ErrorOut}
)
def authors(
    request: HttpRequest, collaboration_id: ObjectId, params: Query[AuthorsQuery]
) -> list[dict[str, Any]]:
    collaboration = access.access_collaboration(request.user, collaboration_id)
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
    pledge, state = access.access_pledge(optional_user(request))
    return {
        "version": pledge.version,
        "text": pledge.text,
        "translations": pledge.translations,
        "accepted": state.accepted_version == pledge.version,
    }


@router.post(
    "/pledge/accept", auth=TokenAuth(), response={200: PledgeOut, 400: ErrorOut, 401: ErrorOut}
)
def accept_pledge(request: HttpRequest) -> dict[str, Any]:
    acceptance = changes.do_accept_pledge(actor=request.user)
    pledge = acceptance.pledge
    return {
        "version": pledge.version,
        "text": pledge.text,
        "translations": pledge.translations,
        "accepted": True,
    }


@router.post(
    "/collaborations/{int:collaboration_id}/join-requests",
    auth=TokenAuth(),
    response={201: JoinRequestOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
)
def ask_to_join(
    request: HttpRequest, collaboration_id: ObjectId, payload: JoinRequestIn
) -> Status[Any]:
    """Ask to join through an institution; asking again while a request waits returns it."""
    collaboration = access.access_collaboration(request.user, collaboration_id)
    institution = access_institution(request.user, payload.institution)
    join_request = joining.do_ask_to_join(
        collaboration,
        actor=request.user,
        institution=institution,
        message=payload.message,
        language=translation.get_language() or "en",
    )
    return Status(201, join_request)


@router.get(
    "/join-requests/mine", auth=TokenAuth(), response={200: list[JoinRequestOut], 401: ErrorOut}
)
def my_join_requests(request: HttpRequest) -> QuerySet[JoinRequest]:
    return queries.list_own_join_requests(actor=request.user)


@router.get(
    "/collaborations/{int:collaboration_id}/join-requests",
    auth=TokenAuth(),
    response={200: list[JoinRequestOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def join_queue(request: HttpRequest, collaboration_id: ObjectId) -> QuerySet[JoinRequest]:
    """The requests waiting for a decision; for the collaboration's administrators."""
    collaboration = access.access_collaboration(request.user, collaboration_id, to="administer")
    return queries.list_join_queue(collaboration, actor=request.user)


@router.post(
    "/join-requests/{int:join_request_id}/decision",
    auth=TokenAuth(),
    response={200: JoinRequestOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def decide_join_request(
    request: HttpRequest, join_request_id: ObjectId, payload: JoinDecisionIn
) -> JoinRequest:
    """Accept (creating the membership from ``start``, default today) or decline; the
    person is told by e-mail."""
    join_request = access.access_join_request(request.user, join_request_id, to="decide")
    return joining.do_decide_join_request(
        join_request,
        actor=request.user,
        accept=payload.accept,
        start=payload.start,
        notify=join_notify_for(request),
    )
