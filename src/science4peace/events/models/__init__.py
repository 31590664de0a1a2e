from .events import Event, EventRole
from .messages import EventMessage, SessionReminder
from .programme import Contribution, ContributionSpeaker, Session, Track
from .registrations import Registration

__all__ = [
    "Contribution",
    "ContributionSpeaker",
    "Event",
    "EventMessage",
    "EventRole",
    "Registration",
    "Session",
    "SessionReminder",
    "Track",
]
