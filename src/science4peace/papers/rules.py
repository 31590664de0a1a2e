"""Who may change a paper's author list — its contact persons: the collaboration's
administrators, and the editors named when the paper was created (for a paper without a
collaboration, the only ones) — and who reads its drafts: those and its authors. One
condition per line; nothing reads a country (invariant 1)."""

from typing import Any

from science4peace.collaborations.rules import is_administrator
from science4peace.papers.models import Paper


def is_editor(user: Any, paper: Paper) -> bool:
    if not user.is_authenticated:
        return False
    return paper.editors.filter(pk=user.pk).exists()


def can_edit_paper(user: Any, paper: Paper) -> bool:
    if paper.collaboration_id is not None and is_administrator(user, paper.collaboration):
        return True
    return is_editor(user, paper)


def is_author(user: Any, paper: Paper) -> bool:
    """An author of the frozen list, with the account of that person."""
    if not user.is_authenticated:
        return False
    return paper.authors.filter(person__user=user).exists()


def can_read_drafts(user: Any, paper: Paper) -> bool:
    """The paper's own discussion (its drafts and the comments on them): its authors and its
    contact persons (the editors and the collaboration's administrators)."""
    if can_edit_paper(user, paper):
        return True
    return is_author(user, paper)


def can_upload_draft(user: Any, paper: Paper) -> bool:
    """The contact persons upload drafts."""
    return can_edit_paper(user, paper)
