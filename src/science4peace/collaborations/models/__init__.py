from .collaborations import Collaboration, MemberInstitution
from .contributions import Contribution, Membership
from .pledges import Pledge, PledgeAcceptance
from .resources import Resource

__all__ = [
    "Collaboration",
    "Contribution",
    "MemberInstitution",
    "Membership",
    "Pledge",
    "PledgeAcceptance",
    "Resource",
]
