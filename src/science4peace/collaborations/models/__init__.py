from .collaborations import Collaboration, MemberInstitution
from .memberships import Membership
from .pledges import Pledge, PledgeAcceptance
from .resources import Resource
from .work import WorkContribution

__all__ = [
    "Collaboration",
    "MemberInstitution",
    "Membership",
    "Pledge",
    "PledgeAcceptance",
    "Resource",
    "WorkContribution",
]
