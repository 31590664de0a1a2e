from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import CHOICES, ObjectId, Pagination, Text
from science4peace.people.interfaces.auth import TokenAuth
from science4peace.projects.domain import access, changes, profiles, queries, suggestions
from science4peace.projects.interfaces.mail import notifier
from science4peace.projects.interfaces.schemas import (
    InterestsIO,
    JoinIn,
    PaperStartedOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectMemberOut,
    ProjectOut,
    ProjectPaperIn,
    SuggestedPersonOut,
    SuggestedProjectOut,
)
from science4peace.projects.models import Project, ProjectMember

router = Router(tags=["projects"])
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _notify(request: HttpRequest) -> changes.Notify:
    return notifier(request.build_absolute_uri("/"))


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"


class ProjectFilters(Schema):
    kind: Annotated[Project.Kind, CHOICES] | None = None
    status: Annotated[Project.Status, CHOICES] | None = None
    open: bool | None = None
    experiment: Text = ""
    interest: Text = ""


@router.get("/projects", response=list[ProjectOut])
@paginate(Pagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilters]) -> Any:
    """The same list, order and filters as the projects page."""
    return queries.list_projects(
        kind=filters.kind or "",
        status=filters.status or "",
        open_for_members=filters.open,
        experiment=filters.experiment[:60],
        interest=filters.interest[:60],
    )


def _detail(project: Project) -> dict[str, Any]:
    members = list(queries.members_of(project))
    return {
        "id": project.pk,
        "title": project.title,
        "kind": project.kind,
        "status": project.status,
        "open_for_members": project.open_for_members,
        "auto_accept": project.auto_accept,
        "created": project.created,
        "description": project.description,
        "terms": [
            f"{kind}:{value}"
            for kind, values in queries.terms_by_kind(project).items()
            for value in values
        ],
        "records": [r.recid for r in queries.records_of(project)],
        "members": members,
        "member_count": len(members),
        "papers": [p.paper_id for p in queries.papers_of(project)],
    }


@router.get("/projects/{int:project_id}", response={200: ProjectDetailOut, 404: ErrorOut})
def get_project(request: HttpRequest, project_id: ObjectId) -> dict[str, Any]:
    return _detail(access.access_project(request.user, project_id))


@router.post("/projects", auth=TokenAuth(), response={201: ProjectDetailOut, **WRITE})
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[Any]:
    """Propose a project; the token's owner becomes its lead. Needs a confirmed e-mail."""
    project = changes.do_propose_project(
        actor=request.user, language=_language(request), **payload.dict()
    )
    return Status(201, _detail(project))


@router.get(
    "/projects/{int:project_id}/members", response={200: list[ProjectMemberOut], 404: ErrorOut}
)
def list_members(request: HttpRequest, project_id: ObjectId) -> Any:
    return queries.members_of(access.access_project(request.user, project_id))


@router.get(
    "/projects/{int:project_id}/requests",
    auth=TokenAuth(),
    response={200: list[ProjectMemberOut], **WRITE},
)
def list_requests(request: HttpRequest, project_id: ObjectId) -> Any:
    """Open requests to join; for the project's leads."""
    return queries.requests_of(access.access_project(request.user, project_id, to="lead"))


@router.post(
    "/projects/{int:project_id}/join", auth=TokenAuth(), response={200: ProjectMemberOut, **WRITE}
)
def join(request: HttpRequest, project_id: ObjectId, payload: JoinIn) -> ProjectMember:
    """Ask to join (status ``requested``), or join at once where the project accepts
    everyone (status ``member``). Asking again changes nothing."""
    project = access.access_project(request.user, project_id)
    member, _changed = changes.do_ask_to_join(
        project,
        actor=request.user,
        message=payload.message,
        language=_language(request),
        notify=_notify(request),
    )
    return member


@router.post(
    "/projects/{int:project_id}/leave", auth=TokenAuth(), response={200: ProjectMemberOut, **WRITE}
)
def leave(request: HttpRequest, project_id: ObjectId) -> ProjectMember:
    project = access.access_project(request.user, project_id)
    return changes.do_leave(project, actor=request.user, notify=_notify(request))


@router.post(
    "/projects/{int:project_id}/members/{int:person_id}/accept",
    auth=TokenAuth(),
    response={200: ProjectMemberOut, **WRITE},
)
def accept(request: HttpRequest, project_id: ObjectId, person_id: ObjectId) -> ProjectMember:
    member = access.access_member(request.user, project_id, person_id)
    return changes.do_decide(member, actor=request.user, accept=True, notify=_notify(request))


@router.post(
    "/projects/{int:project_id}/members/{int:person_id}/decline",
    auth=TokenAuth(),
    response={200: ProjectMemberOut, **WRITE},
)
def decline(request: HttpRequest, project_id: ObjectId, person_id: ObjectId) -> ProjectMember:
    member = access.access_member(request.user, project_id, person_id)
    return changes.do_decide(member, actor=request.user, accept=False, notify=_notify(request))


@router.post(
    "/projects/{int:project_id}/members/{int:person_id}/lead",
    auth=TokenAuth(),
    response={200: ProjectMemberOut, **WRITE},
)
def make_lead(request: HttpRequest, project_id: ObjectId, person_id: ObjectId) -> ProjectMember:
    member = access.access_member(request.user, project_id, person_id)
    return changes.do_make_lead(member, actor=request.user, notify=_notify(request))


@router.post(
    "/projects/{int:project_id}/papers", auth=TokenAuth(), response={201: PaperStartedOut, **WRITE}
)
def start_paper(request: HttpRequest, project_id: ObjectId, payload: ProjectPaperIn) -> Status[Any]:
    """Start a paper whose authors are the project's members; for its leads."""
    project = access.access_project(request.user, project_id, to="lead")
    paper = changes.do_start_paper(project, actor=request.user, **payload.dict())
    return Status(201, {"paper": paper.pk, "authors": paper.authors.count()})


@router.get(
    "/projects/{int:project_id}/suggestions",
    auth=TokenAuth(),
    response={200: list[SuggestedPersonOut], **WRITE},
)
def suggested_people(request: HttpRequest, project_id: ObjectId) -> list[dict[str, Any]]:
    """People whose research interests fit the project's needs, with the reasons; for its
    leads. People who opted out are never suggested."""
    project = access.access_project(request.user, project_id, to="lead")
    return [
        {"person": s.item.pk, "name": str(s.item), "score": s.score, "reasons": s.reasons}
        for s in suggestions.people_for(project)
    ]


@router.get("/me/research-interests", auth=TokenAuth(), response={200: InterestsIO, **WRITE})
def get_interests(request: HttpRequest) -> Any:
    return profiles.interests_of(access.access_own_profile(request.user)).__dict__


@router.put("/me/research-interests", auth=TokenAuth(), response={200: InterestsIO, **WRITE})
def put_interests(request: HttpRequest, payload: InterestsIO) -> Any:
    person = access.access_own_profile(request.user)
    return profiles.do_update_interests(person, actor=request.user, **payload.dict()).__dict__


@router.get(
    "/me/project-suggestions", auth=TokenAuth(), response={200: list[SuggestedProjectOut], **WRITE}
)
def suggested_projects(request: HttpRequest) -> list[dict[str, Any]]:
    """Open projects whose needs fit the token owner's research interests, with reasons."""
    person = access.access_own_profile(request.user)
    return [
        {"project": s.item.pk, "title": s.item.title, "score": s.score, "reasons": s.reasons}
        for s in suggestions.projects_for(person)
    ]
