"""Who may change a paper's author list: the collaboration's administrators."""

from typing import Any

from science4peace.collaborations.rules import is_administrator
from science4peace.papers.models import Paper


def can_edit_paper(user: Any, paper: Paper) -> bool:
    return is_administrator(user, paper.collaboration)
