from .calls import Call, Question
from .discussion import Comment
from .reviews import Assignment, Bid, ConflictRuling, Expertise, Review
from .schools import FollowUpQuestion, Offer, School
from .submissions import Answer, Submission, SubmissionAuthor

__all__ = [
    "Answer",
    "Assignment",
    "Bid",
    "Call",
    "Comment",
    "ConflictRuling",
    "Expertise",
    "FollowUpQuestion",
    "Offer",
    "Question",
    "Review",
    "School",
    "Submission",
    "SubmissionAuthor",
]
