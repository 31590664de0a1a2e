"""Drafts of a paper and the comments on them, in the paper's own discussion (issue 15, point
8). The discussion is a members-only space owned by the paper: its authors and its contact
persons read and write there. A contact person uploads a PDF with a note; it becomes the next
version, every earlier one stays, and each version opens its own comment thread. The authors
and the other contact persons are told through the notification service (channel
``paper:<id>``), each by their own mail preferences and in their own language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from science4peace.core import audit
from science4peace.core.uploads import check_upload
from science4peace.lib import pdfmeta
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify
from science4peace.papers import rules
from science4peace.papers.domain.signoffs import contacts_of
from science4peace.papers.models import Draft, Paper
from science4peace.people.domain.access import access_own_person
from science4peace.spaces.domain import discussions
from science4peace.spaces.models import Post, Space

NOTE_LIMIT = 500


def check_note(note: str) -> str:
    text = " ".join((note or "").split())
    if len(text) > NOTE_LIMIT:
        raise ValidationError({"note": _("At most %(limit)s characters.") % {"limit": NOTE_LIMIT}})
    return text


def check_draft_file(upload: UploadedFile | None) -> tuple[bytes, int]:
    """The bytes and page count of an uploaded draft: within the attachment limit of spaces,
    and a PDF that opens (the header alone is not enough)."""
    if upload is None:
        raise ValidationError({"file": _("Choose the PDF of the draft.")})
    check_upload(upload, "file", limit=settings.S4P_SPACES_MAX_ATTACHMENT_BYTES)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError({"file": _("%(name)s is not a PDF.") % {"name": upload.name}})
    try:
        pages = pdfmeta.pages(data)
    except pdfmeta.NotAPdf as error:
        raise ValidationError(
            {"file": _("%(name)s is not a readable PDF.") % {"name": upload.name}}
        ) from error
    return data, pages


def discussion_of(paper: Paper) -> Space | None:
    """The paper's own discussion, None before its first draft."""
    return Space.objects.filter(paper=paper).first()


def _open_discussion(paper: Paper) -> Space:
    space, _created = Space.objects.get_or_create(
        paper=paper,
        defaults={"title": paper.title[:200], "visibility": Space.Visibility.MEMBERS},
    )
    return space


def readers_of(paper: Paper) -> list[Any]:
    """Who is told of a new draft: the authors with an active account and the contact
    persons, by id."""
    users = get_user_model().objects.filter(
        is_active=True, person__in=paper.authors.values("person_id")
    )
    found = {user.pk: user for user in users}
    found |= {user.pk: user for user in contacts_of(paper) if user.is_active}
    return [found[pk] for pk in sorted(found)]


def _tell(paper: Paper, draft: Draft, actor: Any) -> None:
    recipients = [user for user in readers_of(paper) if user.pk != actor.pk]
    if not recipients:
        return
    notify(
        recipients=recipients,
        kind="papers.draft",
        channel=channel_key("paper", paper.pk),
        subject=gettext_lazy("Draft %(version)s of %(paper)s"),
        body=gettext_lazy(
            "%(author)s uploaded version %(version)s of the draft of %(paper)s. Note: "
            "%(note)s Read it and comment on it in the paper's discussion."
        ),
        context={
            "paper": paper.title,
            "version": draft.version,
            "author": str(draft.uploaded_by),
            "note": draft.note or "—",
        },
        url=reverse("papers:drafts", args=[paper.pk]),
        urgency="timely",
    )


@transaction.atomic
def do_upload_draft(
    paper: Paper,
    *,
    actor: Any,
    file: UploadedFile | None,
    note: str = "",
    language: str = "",
) -> Draft:
    """Version n+1 of the paper's draft, with its comment thread; the readers are told."""
    if not rules.can_upload_draft(actor, paper):
        raise PermissionDenied(_("Only the paper's contact persons may upload a draft."))
    text = check_note(note)
    _data, pages = check_draft_file(file)
    assert file is not None  # checked above
    locked = Paper.objects.select_for_update().get(pk=paper.pk)
    version = (locked.drafts.aggregate(last=Max("version"))["last"] or 0) + 1
    space = _open_discussion(locked)
    thread = discussions.do_start_thread(
        space,
        actor=actor,
        title=_("Draft %(version)s") % {"version": version} + (f": {text}" if text else ""),
        body=text or _("Version %(version)s of the draft.") % {"version": version},
        language=language,
    )
    draft = Draft.objects.create(
        paper=locked,
        version=version,
        note=text,
        file=file,
        name=(file.name or "draft.pdf")[:200],
        size=file.size or 0,
        pages=pages,
        uploaded_by=access_own_person(actor),
        thread=thread,
    )
    audit.record(
        actor=actor,
        action="paper.draft.upload",
        obj=locked,
        after={"version": version, "note": text, "size": draft.size, "pages": pages},
    )
    _tell(locked, draft, actor)
    return draft


def do_comment(
    draft: Draft,
    *,
    actor: Any,
    body: str,
    quote: int | None = None,
    mentions: Sequence[int] = (),
    language: str = "",
) -> Post:
    """A comment on a draft: a reply in its thread (the spaces rules apply: members only,
    size limit, mentions of members)."""
    if draft.thread is None:
        raise ValidationError(_("This draft has no comment thread."))
    return discussions.do_reply(
        draft.thread,
        actor=actor,
        body=body,
        quote=quote,
        mentions=mentions,
        language=language,
    )
