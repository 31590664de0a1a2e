from .calls import Call, Question
from .reviews import Assignment, Bid, ConflictRuling, Expertise, Review
from .schools import FollowUpQuestion, Offer, School
from .submissions import Answer, Submission, SubmissionAuthor

__all__ = [
    "Answer",
    "Assignment",
    "Bid",
    "Call",
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
