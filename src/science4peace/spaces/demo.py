"""Demo spaces: one for the first demo collaboration, project and event, each with a pinned
announcement and a thread whose reply mentions a member. Loaded after the other demos;
running it twice changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from science4peace.collaborations.models import Collaboration
from science4peace.events.models import Event
from science4peace.lib.markup import render as markdown
from science4peace.lib.opendata.tokens import document
from science4peace.people.models import Person
from science4peace.projects.models import Project
from science4peace.spaces.domain import queries
from science4peace.spaces.models import Announcement, Mention, Post, Space, Thread

TEXTS = {
    "announcement": (
        "Welcome to the space",
        "Announcements of the organisers appear here; discussions below. Math works: "
        "$\\sigma = \\int \\mathcal{L}\\,dt$.",
    ),
    "thread": ("Which data do we start from?", "Proposals for the first analysis, please."),
    "reply": "The 2011 dimuon datasets: $m_{\\mu\\mu}$ from 2 to 12 GeV.",
}


def _fill(space: Space) -> None:
    members = list(queries.members_of(space)[:3])
    if not members or Thread.objects.filter(space=space).exists():
        return
    title, body = TEXTS["announcement"]
    Announcement.objects.create(space=space, author=members[0], title=title, body=body, pinned=True)
    title, body = TEXTS["thread"]
    now = timezone.now()
    thread = Thread.objects.create(space=space, author=members[0], title=title, last_activity=now)
    Post.objects.create(
        thread=thread,
        space=space,
        author=members[0],
        body=body,
        html=markdown(body),
        search_document=document([title, body]),
    )
    replier = members[-1]
    reply = Post.objects.create(
        thread=thread,
        space=space,
        author=replier,
        body=TEXTS["reply"],
        html=markdown(TEXTS["reply"]),
        search_document=document([TEXTS["reply"]]),
    )
    Mention.objects.create(post=reply, person=members[0])
    Thread.objects.filter(pk=thread.pk).update(reply_count=1, last_activity=reply.created)


def _open(**owner: object) -> Space | None:
    target = next(iter(owner.values()))
    if target is None:
        return None
    space, _created = Space.objects.get_or_create(**owner, defaults={"title": str(target)[:200]})
    return space


@transaction.atomic
def load_demo() -> int:
    """The demo spaces; the number of spaces after."""
    found = [
        _open(collaboration=Collaboration.objects.order_by("id").first()),
        _open(project=Project.objects.order_by("id").first()),
        _open(event=Event.objects.order_by("id").first()),
    ]
    for space in found:
        if space is not None and Person.objects.exists():
            _fill(space)
    return Space.objects.count()
