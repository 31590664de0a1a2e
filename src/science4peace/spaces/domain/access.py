"""The permission funnel of spaces: views and API handlers obtain spaces, threads, posts and
conversations only through these functions. ``Http404`` for what the actor may not know
exists (a members-only space for a non-member included), ``PermissionDenied`` for what the
actor may see but not do."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person
from science4peace.spaces import rules
from science4peace.spaces.models import Attachment, Post, Space, Thread

SpaceAction = Literal["see", "post", "administer"]


def _space_check(actor: Any, space: Space, to: SpaceAction) -> None:
    if not rules.can_read(actor, space):
        raise Http404(_("No such space."))
    if to == "post" and not rules.can_post(actor, space):
        raise PermissionDenied(_("Only the space's members may write here."))
    if to == "administer" and not rules.is_administrator(actor, space):
        raise PermissionDenied(_("Only the space's administrators may do this."))


def access_space(actor: Any, space_id: int, *, to: SpaceAction = "see") -> Space:
    space = (
        Space.objects.select_related("collaboration", "project", "event", "paper__collaboration")
        .filter(pk=space_id)
        .first()
    )
    if space is None:
        raise Http404(_("No such space."))
    _space_check(actor, rules.remember_decisions(space), to)
    return space


def access_thread(
    actor: Any,
    thread_id: int,
    *,
    space_id: int | None = None,
    to: Literal["see", "reply", "administer", "follow"] = "see",
) -> Thread:
    found = Thread.objects.select_related(
        "space__collaboration",
        "space__project",
        "space__event",
        "space__paper__collaboration",
        "author",
    )
    if space_id is not None:
        found = found.filter(space_id=space_id)
    thread = found.filter(pk=thread_id).first()
    if thread is None:
        raise Http404(_("No such thread."))
    rules.remember_decisions(thread.space)
    _space_check(actor, thread.space, {"reply": "post", "follow": "post"}.get(to, to))  # type: ignore[arg-type]
    if to == "reply" and not rules.can_reply(actor, thread):
        raise PermissionDenied(_("This thread is locked."))
    return thread


def access_post(
    actor: Any, post_id: int, *, to: Literal["see", "edit", "moderate", "report"] = "see"
) -> Post:
    post = (
        Post.objects.select_related(
            "thread",
            "space__collaboration",
            "space__project",
            "space__event",
            "space__paper__collaboration",
            "author",
        )
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise Http404(_("No such post."))
    _space_check(actor, post.space, "administer" if to == "moderate" else "see")
    if not rules.can_see_post(actor, post):
        raise Http404(_("No such post."))
    if to == "edit" and not rules.can_edit(actor, post):
        raise PermissionDenied(_("Only the author may edit a post, and only for a while."))
    if to == "report" and not rules.can_post(actor, post.space):
        raise PermissionDenied(_("Only the space's members may report a post."))
    return post


def access_own(actor: Any) -> Person:
    """The signed-in actor's person (who sends messages, blocks, follows)."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    return access_own_person(actor)


def access_person(actor: Any, person_id: int) -> Person:
    """Another person with an account, to write to or to block."""
    access_own(actor)
    person = Person.objects.filter(pk=person_id, user__isnull=False).first()
    if person is None:
        raise Http404(_("No such person."))
    return person


def access_attachment(actor: Any, attachment_id: int) -> Attachment:
    """An attachment, for whoever may see its post."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404(_("No such attachment."))
    access_post(actor, attachment.post_id)
    return attachment
