from .events import Event, EventRole
from .programme import Contribution, ContributionSpeaker, Session, Track
from .registrations import Registration

__all__ = [
    "Contribution",
    "ContributionSpeaker",
    "Event",
    "EventRole",
    "Registration",
    "Session",
    "Track",
]
