"""Channels: what a notification is about, as a string key ``"<kind>:<id>"`` ("event:12",
"space:7", "paper:3"). An app that sends notifications registers its kind of channel here
(from its ``AppConfig.ready``) with the rule of who may follow it and its title, so that this
app decides nothing about objects it does not know; a feed source may be registered too."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHANNEL = re.compile(r"^([a-z][a-z0-9_-]{0,29}):([0-9]{1,18})$")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a channel's Atom feed: plain values, Markdown already rendered."""

    title: str
    link: str
    html: str
    published: Any
    updated: Any = None
    author: str = ""


@dataclass(frozen=True)
class Feed:
    title: str
    link: str
    entries: list[FeedEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ChannelKind:
    """``may_follow(user, id)``: whether the user may see what the channel is about;
    ``title(id)``: its name for people, or None when there is no such object; ``feed(id)``:
    the public feed, or None when the channel has none or is not public."""

    may_follow: Callable[[Any, int], bool]
    title: Callable[[int], str | None]
    feed: Callable[[int], Feed | None] | None = None


_KINDS: dict[str, ChannelKind] = {}


def register_channel(kind: str, channel_kind: ChannelKind) -> None:
    _KINDS[kind] = channel_kind


def channel_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def parse(channel: str) -> tuple[str, int]:
    """The kind and id of a channel key; a ValidationError for anything else."""
    found = CHANNEL.match(channel or "")
    if found is None:
        raise ValidationError(
            {"channel": _("“%(channel)s” is not a channel.") % {"channel": channel[:60]}}
        )
    return found.group(1), int(found.group(2))


def kind_of(channel: str) -> ChannelKind | None:
    kind, _pk = parse(channel)
    return _KINDS.get(kind)


def title_of(channel: str) -> str:
    try:
        kind, pk = parse(channel)
    except ValidationError:
        return channel
    registered = _KINDS.get(kind)
    title = registered.title(pk) if registered else None
    return title or channel


def may_follow(user: Any, channel: str) -> bool:
    """Whether ``user`` may set mail preferences for (and read) ``channel``."""
    kind, pk = parse(channel)
    registered = _KINDS.get(kind)
    if registered is None or not user.is_authenticated:
        return False
    return registered.may_follow(user, pk)


def feed_of(channel: str) -> Feed | None:
    kind, pk = parse(channel)
    registered = _KINDS.get(kind)
    if registered is None or registered.feed is None:
        return None
    return registered.feed(pk)
