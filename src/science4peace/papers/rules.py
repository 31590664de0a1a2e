"""Who may change a paper's author list: the collaboration's administrators, and the
editors named when the paper was created (for a paper without a collaboration, the only
ones)."""

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
