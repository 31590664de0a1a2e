from .papers import AuthorListChange, Paper, PaperAuthor

__all__ = ["AuthorListChange", "Paper", "PaperAuthor"]
