"""Who may administer a collaboration and see its work contributions. One condition per line
(docs/development.md); no rule reads a country or a location."""

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from science4peace.collaborations.models import (
    Collaboration,
    JoinRequest,
    Membership,
    WorkContribution,
)


def is_administrator(user: Any, collaboration: Collaboration) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return collaboration.administrators.filter(pk=user.pk).exists()


def is_member(user: Any, collaboration: Collaboration) -> bool:
    """A current member: a membership period that includes today."""
    if not user.is_authenticated:
        return False
    today = timezone.localdate()
    return (
        Membership.objects.filter(collaboration=collaboration, person__user=user, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .exists()
    )


def can_see_work_contribution(user: Any, contribution: WorkContribution) -> bool:
    """Confirmed work is public; pending and rejected work only to its person and to the
    collaboration's administrators (``queries.list_work_contributions`` filters alike)."""
    if contribution.status == WorkContribution.Status.CONFIRMED:
        return True
    if not user.is_authenticated:
        return False
    if contribution.person.user_id == user.pk:
        return True
    return is_administrator(user, contribution.collaboration)


def can_see_join_request(user: Any, join_request: JoinRequest) -> bool:
    """The person who asked and the collaboration's administrators."""
    if not user.is_authenticated:
        return False
    if join_request.person.user_id == user.pk:
        return True
    return is_administrator(user, join_request.collaboration)


def can_create_collaboration(user: Any) -> bool:
    """``S4P_COLLABORATION_CREATORS``: ``confirmed`` (any account with a verified e-mail
    address) or ``staff``."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if settings.S4P_COLLABORATION_CREATORS != "confirmed":
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def can_publish_pledge(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_staff)
