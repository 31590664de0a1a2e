from .events import Event, EventRole
from .programme import Contribution, Session, Track
from .registrations import Registration

__all__ = ["Contribution", "Event", "EventRole", "Registration", "Session", "Track"]
