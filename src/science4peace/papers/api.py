from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from science4peace.collaborations.models import Collaboration
from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId
from science4peace.lib.authorlist.audit import audit
from science4peace.lib.authorlist.formats import FORMATS, render_prepared
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from science4peace.lib.authorlist.policy import POLICIES, prepare
from science4peace.papers.domain import changes, queries
from science4peace.papers.interfaces.downloads import CONTENT_TYPES
from science4peace.papers.interfaces.schemas import AuditOut, PaperIn, PaperOut
from science4peace.papers.models import Paper
from science4peace.people.interfaces.auth import TokenAuth

router = Router(tags=["papers"])


@router.get("/papers", response=list[PaperOut])
def list_papers(request: HttpRequest) -> QuerySet[Paper]:
    return queries.list_papers()


@router.get("/papers/{int:paper_id}", response={200: PaperOut, 404: ErrorOut})
def get_paper(request: HttpRequest, paper_id: ObjectId) -> Paper:
    return get_object_or_404(Paper, pk=paper_id)


@router.post(
    "/papers",
    auth=TokenAuth(),
    response={201: PaperOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_paper(request: HttpRequest, payload: PaperIn) -> Status[Any]:
    data = payload.dict()
    collaboration = get_object_or_404(Collaboration, pk=data.pop("collaboration"))
    return Status(201, changes.do_create_paper(collaboration, actor=request.user, **data))


class ListQuery(Schema):
    # Enumerated in the schema, checked by the handler: an unknown value is a 400 naming the
    # choices, as everywhere in this API.
    format: str = Field("json", json_schema_extra={"enum": list(FORMATS)})
    policy: str = Field("", json_schema_extra={"enum": ["", *POLICIES]})


@router.get(
    "/papers/{int:paper_id}/authorlist",
    response={200: None, 400: ErrorOut, 404: ErrorOut},
    description=f"The frozen author list as a file. format: {', '.join(FORMATS)}; "
    f"policy: {', '.join(POLICIES)} (default: the paper's).",
)
def author_list(request: HttpRequest, paper_id: ObjectId, query: Query[ListQuery]) -> Any:
    paper = get_object_or_404(Paper.objects.select_related("collaboration"), pk=paper_id)
    policy = query.policy or paper.policy
    if query.format not in FORMATS or policy not in POLICIES:
        return Status(
            400,
            {
                "detail": f"format must be one of {', '.join(FORMATS)} and policy "
                f"one of {', '.join(POLICIES)}"
            },
        )
    authorlist = queries.to_authorlist(paper)
    text = render_prepared(
        prepare(authorlist, policy, allow_invalid_ids=True), authorlist, query.format
    )
    return HttpResponse(text, content_type=f"{CONTENT_TYPES[query.format][0]}; charset=utf-8")


@router.post("/authorlists/audit", response={200: AuditOut, 400: ErrorOut, 413: ErrorOut})
def audit_upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Audit an uploaded author list (any supported format); nothing is stored."""
    if file.size and file.size > settings.S4P_MAX_UPLOAD_BYTES:
        return Status(
            413,
            {
                "detail": f"the file is {file.size} bytes; the limit is "
                f"{settings.S4P_MAX_UPLOAD_BYTES} bytes"
            },
        )
    try:
        return audit(parse(file.read())).as_dict()
    except AuthorListError as error:
        return Status(400, {"detail": str(error)})
