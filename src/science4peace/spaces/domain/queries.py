"""Reads behind the space pages, their htmx fragments and the API: the same function feeds
all three. Posts and messages of people in a block with the viewer are left out here, so no
face can show them."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from science4peace.collaborations.models import Membership
from science4peace.events.models import EventRole, Registration
from science4peace.lib.opendata.query import QueryError, fts5_match, parse, tsquery
from science4peace.papers.models import Paper, PaperAuthor
from science4peace.people.domain.queries import list_people, person_of
from science4peace.people.models import Person
from science4peace.projects.models import ProjectMember
from science4peace.spaces import rules
from science4peace.spaces.models import (
    Announcement,
    Attachment,
    Block,
    Conversation,
    Message,
    Post,
    PostRevision,
    Report,
    Space,
    Thread,
    ThreadSubscription,
)

MAX_RESULTS = 200


class SearchError(ValueError):
    """The search cannot be run as asked; the message says why (a 400)."""


def blocked_ids(person: Person | None) -> QuerySet[Person, Any]:
    """Ids of the people in a block with ``person``, either way, as a subquery."""
    if person is None:
        return Person.objects.none().values("pk")
    return Person.objects.filter(
        Q(pk__in=Block.objects.filter(blocker=person).values("blocked_id"))
        | Q(pk__in=Block.objects.filter(blocked=person).values("blocker_id"))
    ).values("pk")


def _member_spaces(user: Any) -> Q:
    """Spaces whose owner counts ``user`` as a member or administrator."""
    today = timezone.localdate()
    current = Membership.objects.filter(person__user=user, start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    projects = ProjectMember.objects.filter(person__user=user, status=ProjectMember.Status.MEMBER)
    registered = Registration.objects.filter(user=user, status=Registration.Status.REGISTERED)
    organised = EventRole.objects.filter(user=user, role=EventRole.Role.ORGANISER)
    authored = PaperAuthor.objects.filter(person__user=user)
    contact = Paper.objects.filter(Q(editors=user) | Q(collaboration__administrators=user))
    return (
        Q(collaboration_id__in=Subquery(current.values("collaboration_id")))
        | Q(collaboration__administrators=user)
        | Q(project_id__in=Subquery(projects.values("project_id")))
        | Q(event_id__in=Subquery(registered.values("event_id")))
        | Q(event_id__in=Subquery(organised.values("event_id")))
        | Q(paper_id__in=Subquery(authored.values("paper_id")))
        | Q(paper_id__in=Subquery(contact.values("pk")))
    )


def spaces_for(user: Any) -> QuerySet[Space]:
    """The spaces ``user`` may read: public ones and those of what they belong to (for site
    staff every space but the discussions of papers without a collaboration they are not
    part of), by title."""
    spaces = Space.objects.select_related("collaboration", "project", "event", "paper")
    readable = Q(visibility=Space.Visibility.PUBLIC, paper__isnull=True)
    if user.is_authenticated and user.is_staff:
        readable = Q(paper__isnull=True) | Q(paper__collaboration__isnull=False)
    if user.is_authenticated:
        readable |= _member_spaces(user)
    return spaces.filter(readable).distinct().order_by("title", "id")


def announcements_of(space: Space) -> QuerySet[Announcement]:
    """Pinned first, then newest first."""
    return (
        Announcement.objects.filter(space=space)
        .select_related("author")
        .order_by("-pinned", "-created", "-id")
    )


def threads_of(space: Space, user: Any) -> QuerySet[Thread]:
    """Threads with the newest activity first, without those opened by people in a block
    with the viewer; each with the viewer's follow state as ``subscription``."""
    person = person_of(user)
    threads = (
        Thread.objects.filter(space=space)
        .exclude(author_id__in=blocked_ids(person))
        .select_related("author")
        .order_by("-last_activity", "-id")
    )
    if person is None:
        return threads.annotate(subscription=RawSQL("NULL", []))
    state = ThreadSubscription.objects.filter(thread=OuterRef("pk"), person=person)
    return threads.annotate(subscription=Subquery(state.values("state")[:1]))


def _visible_posts(user: Any, space: Space) -> QuerySet[Post]:
    person = person_of(user)
    posts = Post.objects.exclude(author_id__in=blocked_ids(person))
    if rules.is_administrator(user, space):
        return posts
    if person is None:
        return posts.filter(hidden_at__isnull=True)
    return posts.filter(Q(hidden_at__isnull=True) | Q(author=person))


def posts_of(thread: Thread, user: Any) -> QuerySet[Post]:
    """The thread's posts, oldest first, with author, quoted post and attachments; hidden
    ones only for their authors and the space's administrators."""
    return (
        _visible_posts(user, thread.space)
        .filter(thread=thread)
        .select_related("author", "quote__author")
        .defer("search_document", "quote__search_document", "quote__html")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .annotate(has_revisions=Exists(PostRevision.objects.filter(post=OuterRef("pk"))))
        .order_by("created", "id")
    )


def revisions_of(post: Post) -> list[PostRevision]:
    return list(post.revisions.order_by("created", "id"))


def _fts_ids(text: str) -> tuple[str, list[Any]] | None:
    try:
        query = parse(text)
    except QueryError as error:
        raise SearchError(str(error)) from error
    if not query.include:
        return None
    if connection.vendor == "postgresql":
        return (
            "SELECT id FROM spaces_post WHERE search_vector @@ %s::tsquery",
            [tsquery(query.include)],
        )
    return (
        "SELECT rowid FROM spaces_post_fts WHERE spaces_post_fts MATCH %s",
        [fts5_match(query.include)],
    )


def search_posts(space: Space, user: Any, text: str) -> QuerySet[Post]:
    """Posts of the space holding every word of ``text`` (the catalog's syntax: phrases in
    quotes, ``word*`` for a prefix), newest first, at most MAX_RESULTS."""
    found = _fts_ids(text)
    posts = _visible_posts(user, space).filter(space=space)
    if found is None:
        return posts.none()
    sql, params = found
    return (
        posts.filter(pk__in=RawSQL(sql, params))  # noqa: S611 — placeholders only
        .select_related("author", "thread")
        .order_by("-created", "-id")[:MAX_RESULTS]
    )


def _administrators(space: Space) -> Q:
    """People (with an account) who administer ``space``: the collaboration's administrators,
    the project's leads or the event's organisers."""
    if space.collaboration is not None:
        return Q(user__in=space.collaboration.administrators.values("pk"))
    if space.project_id:
        leads = ProjectMember.objects.filter(
            project_id=space.project_id,
            role=ProjectMember.Role.LEAD,
            status=ProjectMember.Status.MEMBER,
        )
        return Q(pk__in=leads.values("person_id"))
    if space.paper is not None:
        return _paper_contacts(space.paper)
    organisers = EventRole.objects.filter(event=space.event, role=EventRole.Role.ORGANISER)
    return Q(user__in=organisers.values("user_id"))


def members_of(space: Space) -> QuerySet[Person]:
    """The people who may be mentioned: the members and administrators, by name."""
    if space.collaboration is not None:
        today = timezone.localdate()
        current = Membership.objects.filter(
            collaboration=space.collaboration, start__lte=today
        ).filter(Q(end__isnull=True) | Q(end__gte=today))
        found = Q(pk__in=current.values("person_id"))
    elif space.project_id:
        found = Q(
            pk__in=ProjectMember.objects.filter(
                project_id=space.project_id, status=ProjectMember.Status.MEMBER
            ).values("person_id")
        )
    elif space.paper is not None:
        found = _paper_people(space.paper)
    else:
        found = Q(
            user__in=Registration.objects.filter(
                event=space.event, status=Registration.Status.REGISTERED
            ).values("user_id")
        )
    # each condition compares a column of the person with a subquery: no join, no duplicate
    # rows, so no DISTINCT (which would sort every column of every member)
    return Person.objects.filter(found | _administrators(space), user__isnull=False).order_by(
        "family_name", "given_name", "id"
    )


def search_members(space: Space, q: str) -> QuerySet[Person]:
    """The members of ``space`` whose name (or ORCID iD) matches ``q``, as the people
    directory finds them: the matches of the mention picker. Its search view lets only those
    who may post in the space ask, so nobody else learns who its members are."""
    return list_people(q=q).filter(pk__in=members_of(space).values("pk"))


def administrators_of(space: Space) -> QuerySet[Person]:
    """The people who administer ``space`` (those with an account), by name."""
    return Person.objects.filter(_administrators(space), user__isnull=False).order_by(
        "family_name", "given_name", "id"
    )


def reported_posts(space: Space) -> QuerySet[Post]:
    """The posts of ``space`` with open reports, the most reported first, each with its open
    reports (``open_reports``, newest first, with their reporters): the administrators'
    queue. Two queries whatever its length."""
    open_reports = Report.objects.filter(outcome=Report.Outcome.OPEN)
    return (
        Post.objects.filter(space=space, reports__outcome=Report.Outcome.OPEN)
        .annotate(report_count=Count("reports", filter=Q(reports__outcome=Report.Outcome.OPEN)))
        .select_related("author", "thread")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=open_reports.select_related("reporter").order_by("-created", "-id"),
                to_attr="open_reports",
            )
        )
        .order_by("-report_count", "-id")
    )


def open_report_count(space: Space) -> int:
    """How many posts of ``space`` await an administrator's look."""
    return (
        Report.objects.filter(post__space=space, outcome=Report.Outcome.OPEN)
        .values("post_id")
        .distinct()
        .count()
    )


def _paper_contacts(paper: Paper) -> Q:
    """A paper's contact persons: its editors and its collaboration's administrators."""
    found = Q(user__in=paper.editors.values("pk"))
    if paper.collaboration is not None:
        found |= Q(user__in=paper.collaboration.administrators.values("pk"))
    return found


def _paper_people(paper: Paper) -> Q:
    """A paper's authors and its contact persons."""
    return Q(pk__in=PaperAuthor.objects.filter(paper=paper).values("person_id")) | _paper_contacts(
        paper
    )


def conversations_of(person: Person) -> QuerySet[Conversation]:
    """The person's conversations, latest message first, without people in a block."""
    blocked = blocked_ids(person)
    return (
        Conversation.objects.filter(Q(first=person) | Q(second=person))
        .exclude(first_id__in=blocked)
        .exclude(second_id__in=blocked)
        .select_related("first", "second")
        .order_by("-last_message", "-id")
    )


def conversation_between(a: Person, b: Person) -> Conversation | None:
    first, second = sorted([a, b], key=lambda p: p.pk)
    return Conversation.objects.filter(first=first, second=second).first()


def messages_between(person: Person, other: Person) -> QuerySet[Message]:
    """Oldest first; nothing when either has blocked the other."""
    conversation = conversation_between(person, other)
    if conversation is None or rules.blocks_between(person, other):
        return Message.objects.none()
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("sender")
        .order_by("created", "id")
    )


def blocked_by(person: Person) -> QuerySet[Person]:
    return Person.objects.filter(
        pk__in=Block.objects.filter(blocker=person).values("blocked_id")
    ).order_by("family_name", "given_name", "id")


def followers_of(thread: Thread) -> QuerySet[Person]:
    return Person.objects.filter(
        pk__in=ThreadSubscription.objects.filter(
            thread=thread, state=ThreadSubscription.State.FOLLOW
        ).values("person_id")
    )
