"""The permission funnel of the papers app: views and API handlers obtain papers and their
frozen authors only through these functions. Papers are public; editing a paper's author list
is for the collaboration's administrators (``rules.can_edit_paper``). A paper's drafts are
for its authors and contact persons only: anyone else gets ``Http404``, as if there were
none."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.papers import rules
from science4peace.papers.models import Draft, Paper, PaperAuthor, Signoff


def access_paper(actor: Any, paper_id: int, *, to: Literal["see", "edit"] = "see") -> Paper:
    """The paper with its collaboration; ``Http404`` when there is none, ``PermissionDenied``
    when the actor may see it but not edit its author list."""
    paper = Paper.objects.select_related("collaboration").filter(pk=paper_id).first()
    if paper is None:
        raise Http404(_("No paper with id %(id)s.") % {"id": paper_id})
    if to == "edit" and not rules.can_edit_paper(actor, paper):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    return paper


def access_own_entry(actor: Any, paper_id: int) -> PaperAuthor:
    """The actor's own entry on a paper, to check and sign off."""
    paper = access_paper(actor, paper_id)
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    author = (
        PaperAuthor.objects.select_related("person", "paper__collaboration")
        .filter(paper=paper, person__user=actor)
        .first()
    )
    if author is None:
        raise Http404(_("You are not an author of this paper."))
    return author


def access_signoff(actor: Any, paper_id: int, author_id: int) -> Signoff:
    """An author's sign-off, for the paper's contact persons to resolve."""
    paper = access_paper(actor, paper_id, to="edit")
    signoff = (
        Signoff.objects.select_related("author__person__user", "author__paper")
        .filter(author__paper=paper, author_id=author_id)
        .first()
    )
    if signoff is None:
        raise Http404(_("No such author on this paper."))
    return signoff


def access_drafts(actor: Any, paper_id: int, *, to: Literal["see", "upload"] = "see") -> Paper:
    """The paper, for one who may read its drafts (``Http404`` for anyone else), or upload
    one (``PermissionDenied`` for an author who is not a contact person)."""
    paper = access_paper(actor, paper_id)
    if not rules.can_read_drafts(actor, paper):
        raise Http404(_("No paper with id %(id)s.") % {"id": paper_id})
    if to == "upload" and not rules.can_upload_draft(actor, paper):
        raise PermissionDenied(_("Only the paper's contact persons may upload a draft."))
    return paper


def access_draft(
    actor: Any, paper_id: int, version: int, *, to: Literal["see", "comment"] = "see"
) -> Draft:
    """One version of the paper's draft, with its comment thread."""
    paper = access_drafts(actor, paper_id)
    draft = (
        Draft.objects.select_related("paper__collaboration", "uploaded_by", "thread__space")
        .filter(paper=paper, version=version)
        .first()
    )
    if draft is None:
        raise Http404(_("No draft %(version)s of this paper.") % {"version": version})
    if to == "comment" and (draft.thread is None or draft.thread.locked):
        raise PermissionDenied(_("Comments on this draft are closed."))
    return draft
