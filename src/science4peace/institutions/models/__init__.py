from .countries import Country
from .institutions import Institution, InstitutionCode

__all__ = ["Country", "Institution", "InstitutionCode"]
