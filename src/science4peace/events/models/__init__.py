from .events import Event, EventRole
from .messages import EventMessage, SessionReminder
from .programme import Contribution, ContributionSpeaker, Session, Track
from .registrations import Registration, RegistrationQuestion

__all__ = [
    "Contribution",
    "ContributionSpeaker",
    "Event",
    "EventMessage",
    "EventRole",
    "Registration",
    "RegistrationQuestion",
    "Session",
    "SessionReminder",
    "Track",
]
