from .collaborations import Collaboration, MemberInstitution
from .joining import JoinRequest
from .memberships import Membership
from .pledges import Pledge, PledgeAcceptance
from .resources import Resource
from .work import WorkContribution

__all__ = [
    "Collaboration",
    "JoinRequest",
    "MemberInstitution",
    "Membership",
    "Pledge",
    "PledgeAcceptance",
    "Resource",
    "WorkContribution",
]
