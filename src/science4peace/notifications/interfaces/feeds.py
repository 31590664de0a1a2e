"""The Atom feed of a channel, from what its registered source gives (notifications'
``channels.Feed``)."""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed

from science4peace.notifications.domain.channels import Feed


def atom(feed: Feed, *, feed_url: str) -> str:
    document = Atom1Feed(
        title=feed.title, link=feed.link, description=feed.title, feed_url=feed_url
    )
    for entry in feed.entries:
        document.add_item(
            title=entry.title,
            link=entry.link,
            unique_id=entry.link,
            description=entry.html,
            pubdate=entry.published,
            updateddate=entry.updated or entry.published,
            author_name=entry.author or None,
        )
    return document.writeString("utf-8")
