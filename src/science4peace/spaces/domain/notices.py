"""Spaces tell people through the notification service: the ``space:<id>`` channel (who may
follow it, its title, the Atom feed of a public space's announcements) and ``messages:<user
id>`` (a person's own messages), and the four signals of ``signals.py`` turned into
``notify`` calls. Each mail is in the recipient's language: the one they last used in spaces
(passed to notify as the language the caller knows), else the one in their mail settings.
Nothing here reads a country."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from science4peace.notifications.domain.channels import (
    ChannelKind,
    Feed,
    FeedEntry,
    channel_key,
    register_channel,
)
from science4peace.notifications.domain.notify import absolute, notify
from science4peace.people.models import Person
from science4peace.spaces import rules
from science4peace.spaces.domain import queries, signals
from science4peace.spaces.models import Announcement, Message, MessageSettings, Post, Space

FEED_ENTRIES = 50


def _may_follow_space(user: Any, pk: int) -> bool:
    space = Space.objects.filter(pk=pk).first()
    return space is not None and rules.can_read(user, space)


def _space_title(pk: int) -> str | None:
    return Space.objects.filter(pk=pk).values_list("title", flat=True).first()


def space_feed(pk: int) -> Feed | None:
    """The announcements of a public space, newest first; None for a members-only space."""
    space = Space.objects.filter(pk=pk, visibility=Space.Visibility.PUBLIC).first()
    if space is None:
        return None
    link = absolute(space.get_absolute_url())
    announcements = queries.announcements_of(space).select_related("author")
    entries = [
        FeedEntry(
            title=a.title,
            link=f"{link}#announcement-{a.pk}",
            html=a.html,
            published=a.created,
            author=str(a.author),
        )
        for a in announcements.order_by("-created", "-id")[:FEED_ENTRIES]
    ]
    return Feed(title=space.title, link=link, entries=entries)


def _may_follow_messages(user: Any, pk: int) -> bool:
    return bool(user.is_authenticated and user.pk == pk)


def _messages_title(pk: int) -> str | None:
    return _("Messages to you")


def register_space_channels() -> None:
    register_channel(
        "space", ChannelKind(may_follow=_may_follow_space, title=_space_title, feed=space_feed)
    )
    register_channel(
        "messages", ChannelKind(may_follow=_may_follow_messages, title=_messages_title)
    )
    signals.announcement_published.connect(on_announcement, dispatch_uid="spaces-notices-ann")
    signals.post_created.connect(on_post, dispatch_uid="spaces-notices-post")
    signals.person_mentioned.connect(on_mention, dispatch_uid="spaces-notices-mention")
    signals.message_sent.connect(on_message, dispatch_uid="spaces-notices-message")
    signals.post_reported.connect(on_report, dispatch_uid="spaces-notices-report")


def _users(people: Sequence[Person]) -> tuple[list[Any], dict[int, str]]:
    """The accounts of ``people`` and the language each last used in spaces."""
    with_account = [p for p in people if p.user_id is not None]
    rows = Person.objects.filter(pk__in=[p.pk for p in with_account]).select_related("user")
    users = [p.user for p in rows]
    languages = dict(
        MessageSettings.objects.filter(person__in=rows)
        .exclude(language="")
        .values_list("person__user_id", "language")
    )
    return users, languages


def on_announcement(
    sender: Any, *, space: Space, post: Announcement, recipients: Sequence[Person], **extra: Any
) -> None:
    users, languages = _users(recipients)
    notify(
        recipients=users,
        kind="spaces.announcement",
        channel=channel_key("space", space.pk),
        subject=lambda c: f"{c['space']}: {c['title']}",
        body=lambda c: _("An announcement in %(space)s:") % c + f"\n\n{c['text']}",
        context={"space": space.title, "title": post.title, "text": post.body},
        url=space.get_absolute_url(),
        urgency="timely" if post.mailed else "normal",
        languages=languages,
    )


def _thread_notice(
    kind: str, subject: Any, body: Any, post: Post, space: Space, recipients: Sequence[Person]
) -> None:
    """A post in a thread, told to ``recipients`` on the space's channel."""
    users, languages = _users(recipients)
    thread = post.thread
    notify(
        recipients=users,
        kind=kind,
        channel=channel_key("space", space.pk),
        subject=subject,
        body=body,
        context={
            "space": space.title,
            "thread": thread.title,
            "author": str(post.author),
            "text": post.body,
        },
        url=thread.get_absolute_url(),
        languages=languages,
    )


def on_post(
    sender: Any, *, space: Space, post: Post, recipients: Sequence[Person], **extra: Any
) -> None:
    _thread_notice(
        "spaces.post",
        gettext_lazy("New post in %(thread)s"),
        lambda c: _("%(author)s wrote in %(thread)s:") % c + f"\n\n{c['text']}",
        post,
        space,
        recipients,
    )


def on_mention(
    sender: Any, *, space: Space, post: Post, recipients: Sequence[Person], **extra: Any
) -> None:
    _thread_notice(
        "spaces.mention",
        gettext_lazy("%(author)s mentioned you in %(thread)s"),
        lambda c: _("%(author)s mentioned you in %(thread)s") % c + f":\n\n{c['text']}",
        post,
        space,
        recipients,
    )


def on_report(
    sender: Any, *, space: Space, post: Post, recipients: Sequence[Person], **extra: Any
) -> None:
    users, languages = _users(recipients)
    notify(
        recipients=users,
        kind="spaces.report",
        channel=channel_key("space", space.pk),
        subject=gettext_lazy("A post in %(space)s was reported"),
        body=lambda c: _("A post by %(author)s in %(thread)s was reported to you.") % c,
        context={"space": space.title, "thread": post.thread.title, "author": str(post.author)},
        url=reverse("spaces:reports", args=[space.pk]),
        languages=languages,
    )


def on_message(
    sender: Any, *, space: None, post: Message, recipients: Sequence[Person], **extra: Any
) -> None:
    users, languages = _users(recipients)
    for user in users:
        notify(
            recipients=[user],
            kind="spaces.message",
            channel=channel_key("messages", user.pk),
            subject=gettext_lazy("A message from %(author)s"),
            body=lambda c: _("A message from %(author)s") % c + f":\n\n{c['text']}",
            context={"author": str(post.sender), "text": post.body},
            url=reverse("spaces:conversation", args=[post.sender_id]),
            languages=languages,
        )
