from .people import Affiliation, Person
from .tokens import ApiToken

__all__ = ["Affiliation", "ApiToken", "Person"]
