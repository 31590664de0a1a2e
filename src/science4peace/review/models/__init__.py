from .calls import Call, Question
from .discussion import Comment
from .reviews import Assignment, Bid, ConflictRuling, Expertise, Review
from .submissions import Answer, Submission, SubmissionAuthor

__all__ = [
    "Answer",
    "Assignment",
    "Bid",
    "Call",
    "Comment",
    "ConflictRuling",
    "Expertise",
    "Question",
    "Review",
    "Submission",
    "SubmissionAuthor",
]
