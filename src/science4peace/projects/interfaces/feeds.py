"""The Atom feed of new projects."""

from __future__ import annotations

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from science4peace.lib.markup import render as markdown
from science4peace.projects.models import Project


def atom(projects: list[Project], *, base_url: str) -> str:
    base = base_url.rstrip("/")
    feed = Atom1Feed(
        title=_("New projects"),
        link=base + reverse("projects:list"),
        description=_("Projects on open data, newest first."),
        feed_url=base + reverse("projects:feed"),
        language="en",
    )
    for project in projects:
        link = base + reverse("projects:detail", args=[project.pk])
        feed.add_item(
            title=project.title,
            link=link,
            unique_id=link,
            description=markdown(project.description),
            pubdate=project.created,
            updateddate=project.updated,
            categories=[project.get_kind_display(), project.get_status_display()],
        )
    return feed.writeString("utf-8")
