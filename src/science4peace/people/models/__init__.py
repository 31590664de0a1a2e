from .people import Affiliation, Person, full_name
from .tokens import ApiToken

__all__ = ["Affiliation", "ApiToken", "Person", "full_name"]
