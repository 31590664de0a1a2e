from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from science4peace.collaborations.domain.access import access_collaboration
from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId
from science4peace.lib.authorlist.formats import FORMATS
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.policy import POLICIES
from science4peace.papers.domain import changes, drafts, queries, signoffs
from science4peace.papers.domain.access import (
    access_draft,
    access_drafts,
    access_own_entry,
    access_paper,
    access_signoff,
)
from science4peace.papers.interfaces.authorlists import CONTENT_TYPES, render_paper_authorlist
from science4peace.papers.interfaces.authorlists import audit_upload as audit_file
from science4peace.papers.interfaces.schemas import (
    AuditOut,
    DraftCommentIn,
    DraftOut,
    PaperIn,
    PaperOut,
    RemindedOut,
    ResolveIn,
    SignoffIn,
    SignoffOut,
)
from science4peace.papers.models import Paper, Signoff
from science4peace.people.interfaces.auth import TokenAuth, optional_user
from science4peace.spaces.domain import queries as space_queries
from science4peace.spaces.interfaces.schemas import PostOut

router = Router(tags=["papers"])
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("/papers", response=list[PaperOut])
def list_papers(request: HttpRequest) -> QuerySet[Paper]:
    return queries.list_papers()


@router.get("/papers/{int:paper_id}", response={200: PaperOut, 404: ErrorOut})
def get_paper(request: HttpRequest, paper_id: ObjectId) -> Paper:
    return access_paper(request.user, paper_id)


@router.post(
    "/papers",
    auth=TokenAuth(),
    response={201: PaperOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_paper(request: HttpRequest, payload: PaperIn) -> Status[Any]:
    data = payload.dict()
    collaboration = access_collaboration(request.user, data.pop("collaboration"), to="administer")
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
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, in the media type of its format",
                "content": {
                    media_type: {"schema": {"type": "string"}}
                    for media_type in sorted({media for media, _ext in CONTENT_TYPES.values()})
                },
            }
        }
    },
)
def author_list(request: HttpRequest, paper_id: ObjectId, query: Query[ListQuery]) -> Any:
    paper = access_paper(request.user, paper_id)
    try:
        rendered = render_paper_authorlist(paper, policy=query.policy, fmt=query.format)
    except AuthorListError as error:
        return Status(400, {"detail": str(error)})
    return HttpResponse(rendered.text, content_type=rendered.content_type)


@router.post("/authorlists/audit", response={200: AuditOut, 400: ErrorOut})
def audit_upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Audit an uploaded author list (any supported format); nothing is stored. A file over
    the upload limit or one that cannot be read is a 400 with the reason under ``file``."""
    result, _warnings = audit_file(file)
    return result.as_dict()


def _signoff_row(signoff: Signoff) -> dict[str, Any]:
    return {
        "author_id": signoff.author_id,
        "name": str(signoff.author),
        "status": signoff.status,
        "answered_at": signoff.answered_at,
        "reminders": signoff.reminders,
    }


@router.get("/papers/{int:paper_id}/signoffs", response={200: list[SignoffOut], 404: ErrorOut})
def list_signoffs(request: HttpRequest, paper_id: ObjectId) -> Any:
    """Who confirmed their entry, who asked for a correction, who has not answered (the
    same list as the paper's page; the messages are for the contact persons' page)."""
    paper = access_paper(request.user, paper_id)
    return [_signoff_row(s) for s in queries.signoffs_of(paper)]


@router.post(
    "/papers/{int:paper_id}/signoff", auth=TokenAuth(), response={200: SignoffOut, **WRITE}
)
def answer_signoff(request: HttpRequest, paper_id: ObjectId, payload: SignoffIn) -> Any:
    """The caller, an author, confirms their entry or asks for a correction (message)."""
    author = access_own_entry(request.user, paper_id)
    signoff = signoffs.do_answer(
        author, actor=request.user, confirm=payload.confirm, message=payload.message
    )
    return _signoff_row(signoff)


@router.post(
    "/papers/{int:paper_id}/signoffs/{int:author_id}/resolve",
    auth=TokenAuth(),
    response={200: SignoffOut, **WRITE},
)
def resolve_signoff(
    request: HttpRequest, paper_id: ObjectId, author_id: ObjectId, payload: ResolveIn
) -> Any:
    """A contact person answers a correction request; the author is asked again."""
    signoff = access_signoff(request.user, paper_id, author_id)
    return _signoff_row(
        signoffs.do_resolve(signoff, actor=request.user, resolution=payload.resolution)
    )


@router.post(
    "/papers/{int:paper_id}/signoffs/remind", auth=TokenAuth(), response={200: RemindedOut, **WRITE}
)
def remind_signoffs(request: HttpRequest, paper_id: ObjectId) -> Any:
    """Remind the authors who have not answered (at most once a day each)."""
    paper = access_paper(request.user, paper_id, to="edit")
    return {"reminded": signoffs.do_remind(paper, actor=request.user)}


# ---------------------------------------------------------------- drafts and their comments
# For the paper's authors and contact persons only: anyone else gets 404, as if there were
# no draft. Reading takes a token (or a session) of one of them.


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"


@router.get(
    "/papers/{int:paper_id}/drafts",
    response={200: list[DraftOut], 401: ErrorOut, 404: ErrorOut},
)
def list_drafts(request: HttpRequest, paper_id: ObjectId) -> Any:
    """Every version of the paper's draft, newest first (the list of the paper's page)."""
    paper = access_drafts(optional_user(request), paper_id)
    return queries.drafts_of(paper)


@router.post("/papers/{int:paper_id}/drafts", auth=TokenAuth(), response={201: DraftOut, **WRITE})
def upload_draft(
    request: HttpRequest,
    paper_id: ObjectId,
    file: File[UploadedFile],
    note: Form[str] = "",
) -> Status[Any]:
    """A contact person uploads the next version (multipart: ``file``, a PDF within the
    attachment limit, and an optional ``note``); the authors are told. A file that is not a
    readable PDF or too large is a 400 under ``file``, nothing stored."""
    paper = access_drafts(request.user, paper_id, to="upload")
    draft = drafts.do_upload_draft(
        paper, actor=request.user, file=file, note=note, language=_language(request)
    )
    return Status(201, draft)


@router.get(
    "/papers/{int:paper_id}/drafts/{int:version}/pdf",
    response={200: None, 401: ErrorOut, 404: ErrorOut},
    url_name="download_draft",
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF of this version",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_draft(request: HttpRequest, paper_id: ObjectId, version: ObjectId) -> Any:
    """The PDF of one version, for the paper's authors and contact persons."""
    draft = access_draft(optional_user(request), paper_id, version)
    return FileResponse(
        draft.file.open("rb"),
        as_attachment=True,
        filename=f"paper-{paper_id}-draft-{version}.pdf",
        content_type="application/pdf",
    )


@router.get(
    "/papers/{int:paper_id}/drafts/{int:version}/comments",
    response={200: list[PostOut], 401: ErrorOut, 404: ErrorOut},
)
def list_draft_comments(request: HttpRequest, paper_id: ObjectId, version: ObjectId) -> Any:
    """The draft's thread, oldest first: the uploader's note, then the comments."""
    user = optional_user(request)
    draft = access_draft(user, paper_id, version)
    if draft.thread is None:
        return []
    return space_queries.posts_of(draft.thread, user)


@router.post(
    "/papers/{int:paper_id}/drafts/{int:version}/comments",
    auth=TokenAuth(),
    response={201: PostOut, **WRITE},
)
def comment_on_draft(
    request: HttpRequest, paper_id: ObjectId, version: ObjectId, payload: DraftCommentIn
) -> Status[Any]:
    """An author or contact person comments on a draft (Markdown with math)."""
    draft = access_draft(request.user, paper_id, version, to="comment")
    post = drafts.do_comment(
        draft,
        actor=request.user,
        body=payload.body,
        quote=payload.quote,
        language=_language(request),
    )
    return Status(201, post)
