from .drafts import Draft
from .papers import AuthorListChange, Paper, PaperAuthor
from .signoffs import Signoff

__all__ = ["AuthorListChange", "Draft", "Paper", "PaperAuthor", "Signoff"]
