from .papers import AuthorListChange, Paper, PaperAuthor
from .signoffs import Signoff

__all__ = ["AuthorListChange", "Paper", "PaperAuthor", "Signoff"]
