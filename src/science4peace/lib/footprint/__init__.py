"""Travel emissions of a conference and what meeting online avoids, by the method of Klöwer
et al., Nature 583 (2020): great-circle distance from each attendee's city to the venue,
round trip, an emission factor by distance band. Framework-free."""

from .factors import FACTOR_TABLES, FactorTable, table
from .places import Attendees, FootprintError, great_circle_km, read_attendees
from .scenarios import Scenario, best_venue, hubs, in_person, online, online_beyond

__all__ = [
    "FACTOR_TABLES",
    "Attendees",
    "FactorTable",
    "FootprintError",
    "Scenario",
    "best_venue",
    "great_circle_km",
    "hubs",
    "in_person",
    "online",
    "online_beyond",
    "read_attendees",
    "table",
]
