"""The addresses a thread page gives each of its posts, from one ``reverse`` per route
(``core.interfaces.addresses``): 50 posts ask for about 150 addresses, and resolving each
through the URL resolver was a sixth of the page's time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from science4peace.core.interfaces.addresses import addresses


def attach_links(posts: Iterable[Any]) -> None:
    """Give each post ``author_url``, ``edit_url``, ``report_url``, ``hide_url`` and each of its
    attachments a ``url`` (the same addresses ``{% url %}`` gives)."""
    author, edit, report, hide, attachment = (
        addresses(f"spaces:{name}")
        for name in ("conversation", "edit-post", "report-post", "hide-post", "attachment")
    )
    for post in posts:
        post.author_url = author(post.author_id)
        post.edit_url, post.report_url = edit(post.pk), report(post.pk)
        post.hide_url = hide(post.pk)
        post.files = list(post.attachments.all())
        for file in post.files:
            file.url = attachment(file.pk)
