"""Who may do what in a space and in messages. A space follows the access rule of what owns
it, through that app's own rules: collaboration members and administrators, project members
and leads, an event's registered participants and organisers, a paper's authors and contact
persons. One condition per line; no rule reads a country, a nationality or a location
(invariant 1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from science4peace.collaborations import rules as collaboration_rules
from science4peace.collaborations.models import Membership
from science4peace.events import rules as event_rules
from science4peace.events.models import EventRole, Registration
from science4peace.papers import rules as paper_rules
from science4peace.people.models import Person
from science4peace.projects import rules as project_rules
from science4peace.projects.models import ProjectMember
from science4peace.spaces.models import Block, MessageSettings, Post, Space, Thread


def remember_decisions(space: Space) -> Space:
    """Let ``is_administrator`` and ``is_member`` remember their answers on this instance of
    the space (the access functions do it for the space they hand to one request, whose view
    asks the same questions several times)."""
    space._decisions = {}  # type: ignore[attr-defined]
    return space


def _remembered(space: Space, key: tuple[str, Any], decide: Any) -> bool:
    decisions = getattr(space, "_decisions", None)
    if decisions is None:
        return bool(decide())
    if key not in decisions:
        decisions[key] = bool(decide())
    return bool(decisions[key])


def is_administrator(user: Any, space: Space) -> bool:
    """Collaboration administrators, project leads, event organisers, a paper's contact
    persons (and site staff)."""
    return _remembered(space, ("administrator", user.pk), lambda: _administers(user, space))


def is_member(user: Any, space: Space) -> bool:
    return _remembered(space, ("member", user.pk), lambda: _belongs(user, space))


def _administers(user: Any, space: Space) -> bool:
    if space.collaboration_id:
        return collaboration_rules.is_administrator(user, space.collaboration)
    if space.project_id:
        return project_rules.can_lead(user, space.project)
    if space.paper_id:
        return paper_rules.can_upload_draft(user, space.paper)
    return event_rules.can_manage(user, space.event)


def _belongs(user: Any, space: Space) -> bool:
    if is_administrator(user, space):
        return True
    if space.collaboration_id:
        return collaboration_rules.is_member(user, space.collaboration)
    if space.project_id:
        return project_rules.is_member(user, space.project)
    if space.paper_id:
        return paper_rules.can_read_drafts(user, space.paper)
    return event_rules.takes_part(user, space.event)


def can_read(user: Any, space: Space) -> bool:
    if space.paper_id:
        return is_member(user, space)  # a paper's discussion is never public
    if space.visibility == Space.Visibility.PUBLIC:
        return True
    return is_member(user, space)


def can_post(user: Any, space: Space) -> bool:
    if not user.is_authenticated:
        return False
    return is_member(user, space)


def can_reply(user: Any, thread: Thread) -> bool:
    if not can_post(user, thread.space):
        return False
    if thread.locked:
        return is_administrator(user, thread.space)
    return True


def can_edit(user: Any, post: Post, now: dt.datetime | None = None) -> bool:
    """The author, within ``S4P_SPACES_EDIT_MINUTES`` of posting, while the post is shown."""
    if not user.is_authenticated:
        return False
    if post.author.user_id != user.pk:
        return False
    if post.hidden_at is not None:
        return False
    window = dt.timedelta(minutes=settings.S4P_SPACES_EDIT_MINUTES)
    return (now or timezone.now()) - post.created <= window


def can_see_post(user: Any, post: Post) -> bool:
    """A hidden post is shown to its author and to the space's administrators."""
    if post.hidden_at is None:
        return True
    if user.is_authenticated and post.author.user_id == user.pk:
        return True
    return is_administrator(user, post.space)


def blocks_between(a: Person, b: Person) -> bool:
    """Either has blocked the other."""
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def _collaborations_of(person: Person) -> set[int]:
    today = timezone.localdate()
    current = Q(end__isnull=True) | Q(end__gte=today)
    rows = Membership.objects.filter(current, person=person, start__lte=today)
    return set(rows.values_list("collaboration_id", flat=True))


def _projects_of(person: Person) -> set[int]:
    rows = ProjectMember.objects.filter(person=person, status=ProjectMember.Status.MEMBER)
    return set(rows.values_list("project_id", flat=True))


def _events_of(person: Person) -> set[int]:
    if person.user_id is None:
        return set()
    registered = Registration.objects.filter(
        user_id=person.user_id, status=Registration.Status.REGISTERED
    ).values_list("event_id", flat=True)
    organised = EventRole.objects.filter(
        user_id=person.user_id, role=EventRole.Role.ORGANISER
    ).values_list("event_id", flat=True)
    return set(registered) | set(organised)


def shares_community(a: Person, b: Person) -> bool:
    """Both belong to one collaboration, project or event."""
    if _collaborations_of(a) & _collaborations_of(b):
        return True
    if _projects_of(a) & _projects_of(b):
        return True
    return bool(_events_of(a) & _events_of(b))


def first_contact(person: Person) -> str:
    found = MessageSettings.objects.filter(person=person).first()
    return found.first_contact if found else MessageSettings.FirstContact.EVERYONE


def can_write_first(sender: Person, recipient: Person) -> bool:
    if sender.pk == recipient.pk:
        return False
    if blocks_between(sender, recipient):
        return False
    if first_contact(recipient) == MessageSettings.FirstContact.EVERYONE:
        return True
    return shares_community(sender, recipient)


def is_new_account(user: Any, now: dt.datetime | None = None) -> bool:
    age = (now or timezone.now()) - user.date_joined
    return age < dt.timedelta(days=settings.S4P_SPACES_NEW_ACCOUNT_DAYS)
