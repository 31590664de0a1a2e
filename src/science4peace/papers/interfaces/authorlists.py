"""A paper's author list as a file, and the audit of an uploaded author list: the one path
the paper page (preview and download), the API (``/api/papers/N/authorlist``) and the command
line (``s4p manage paper_authorlist``) take. The rendering itself is the library's, the same
that ``s4p authorlist convert`` runs on files."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from science4peace.core.uploads import check_upload
from science4peace.lib.authorlist.audit import Audit, audit
from science4peace.lib.authorlist.formats import FORMATS, render_prepared
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from science4peace.lib.authorlist.policy import Prepared, prepare
from science4peace.papers.domain.queries import to_authorlist
from science4peace.papers.models import Paper

# Media type and file ending of each format.
CONTENT_TYPES = {
    "revtex": ("text/x-tex", "tex"),
    "elsarticle": ("text/x-tex", "tex"),
    "jheppub": ("text/x-tex", "tex"),
    "jinstpub": ("text/x-tex", "tex"),
    "epjc": ("text/x-tex", "tex"),
    "aastex631": ("text/x-tex", "tex"),
    "mnras": ("text/x-tex", "tex"),
    "aa": ("text/x-tex", "tex"),
    "arxiv": ("text/plain", "txt"),
    "authors-xml": ("application/xml", "xml"),
    "csv": ("text/csv", "csv"),
    "json": ("application/json", "json"),
}


@dataclass(frozen=True)
class RenderedAuthorList:
    paper_id: int
    policy: str
    prepared: Prepared
    fmt: str | None = None
    text: str = ""

    @property
    def content_type(self) -> str:
        return f"{CONTENT_TYPES[self.fmt or 'json'][0]}; charset=utf-8"

    @property
    def filename(self) -> str:
        extension = CONTENT_TYPES[self.fmt or "json"][1]
        return f"paper-{self.paper_id}-{self.policy}-{self.fmt}.{extension}"


def render_paper_authorlist(
    paper: Paper, *, policy: str = "", fmt: str | None = None
) -> RenderedAuthorList:
    """The frozen author list of ``paper`` under ``policy`` (default: the paper's) in format
    ``fmt``; without a format, only prepared (ordered and numbered) for the page's preview.

    ORCID iDs that fail their checksum are left out rather than stopping the list. The one
    error is ``AuthorListError``, whose message names the unknown format or policy: pages and
    the API answer it with 400, the command line with exit status 2."""
    if fmt is not None and fmt not in FORMATS:
        raise AuthorListError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    policy = policy or paper.policy
    authorlist = to_authorlist(paper)
    prepared = prepare(authorlist, policy, allow_invalid_ids=True)
    text = render_prepared(prepared, authorlist, fmt) if fmt else ""
    return RenderedAuthorList(paper.pk, policy, prepared, fmt, text)


def audit_upload(upload: UploadedFile) -> tuple[Audit, list[str]]:
    """The audit of an uploaded author list and the reader's warnings; nothing is stored.
    A file over the limit of author lists (``S4P_AUTHORLIST_MAX_BYTES``, never more than
    ``S4P_MAX_UPLOAD_BYTES``) or one that cannot be read is a ValidationError on ``file``;
    ``core.body_limit`` refuses larger requests with 413 before they are read."""
    check_upload(upload, "file", limit=settings.S4P_AUTHORLIST_MAX_BYTES)
    try:
        authorlist = parse(upload.read())
    except AuthorListError as error:
        raise ValidationError({"file": str(error)}) from error
    return audit(authorlist), authorlist.warnings
