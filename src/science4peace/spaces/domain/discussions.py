"""Opening spaces, announcements, threads and replies: Markdown with math, quotes,
@mentions of members, attachments, edits with history, following and muting. Each
notifying event sends one signal (``signals.py``) after the commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.collaborations.models import Collaboration
from science4peace.core import audit
from science4peace.core.uploads import check_upload
from science4peace.events.models import Event
from science4peace.lib.markup import render as markdown
from science4peace.lib.opendata.tokens import document
from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person
from science4peace.projects.models import Project
from science4peace.spaces import rules
from science4peace.spaces.domain import queries, signals
from science4peace.spaces.models import (
    MAX_BODY,
    Announcement,
    Attachment,
    Mention,
    MessageSettings,
    Post,
    PostRevision,
    Space,
    Thread,
    ThreadSubscription,
)

MAX_ATTACHMENTS = 5
MAX_MENTIONS = 50
# The first bytes of each accepted kind of file: PDF and the common image formats.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def remember_language(person: Person, language: str) -> None:
    """The interface language the person last wrote in: mail to them uses it."""
    if language:
        MessageSettings.objects.update_or_create(person=person, defaults={"language": language})


def check_body(body: str, field: str = "body") -> str:
    text = (body or "").strip()
    if not text:
        raise ValidationError({field: _("Write something.")})
    if len(text) > MAX_BODY:
        message = _("At most %(limit)s characters (this has %(n)s).")
        raise ValidationError({field: message % {"limit": MAX_BODY, "n": len(text)}})
    return text


def check_mentions(space: Space, person_ids: Sequence[int]) -> list[Person]:
    """The members mentioned; anyone else is named in the error."""
    wanted = list(dict.fromkeys(person_ids))
    if len(wanted) > MAX_MENTIONS:
        raise ValidationError({"mentions": _("At most %(n)s mentions.") % {"n": MAX_MENTIONS}})
    found = {p.pk: p for p in queries.members_of(space).filter(pk__in=wanted)}
    strangers = [pk for pk in wanted if pk not in found]
    if strangers:
        names = {p.pk: str(p) for p in Person.objects.filter(pk__in=strangers)}
        listed = ", ".join(names.get(pk, f"#{pk}") for pk in strangers)
        raise ValidationError(
            {
                "mentions": _("Not a member of this space, so cannot be mentioned: %(names)s.")
                % {"names": listed}
            }
        )
    return [found[pk] for pk in wanted]


def _kind_of(upload: UploadedFile) -> str | None:
    head = upload.read(12)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_attachments(uploads: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("At most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}}
        )
    checked = []
    for upload in uploads:
        check_upload(upload, "attachments", limit=settings.S4P_SPACES_MAX_ATTACHMENT_BYTES)
        kind = _kind_of(upload)
        if kind is None:
            raise ValidationError(
                {
                    "attachments": _("%(name)s is not a PDF or an image (PNG, JPEG, GIF, WebP).")
                    % {"name": upload.name}
                }
            )
        checked.append((upload, kind))
    return checked


def check_quote(thread: Thread, quote_id: int | None) -> Post | None:
    if quote_id is None:
        return None
    quote = Post.objects.filter(pk=quote_id, thread=thread, hidden_at__isnull=True).first()
    if quote is None:
        raise ValidationError({"quote": _("The quoted post is not in this thread.")})
    return quote


def _owner(kind: str, owner_id: int) -> dict[str, Any]:
    owners: dict[str, Any] = {
        "collaboration": Collaboration.objects,
        "project": Project.objects,
        "event": Event.objects,
    }
    if kind not in owners:
        raise ValidationError({"kind": _("Choose collaboration, project or event.")})
    found = owners[kind].filter(pk=owner_id).first()
    if found is None:
        raise ValidationError({"owner": _("No such %(kind)s.") % {"kind": kind}})
    return {kind: found}


@transaction.atomic
def do_open_space(
    *, actor: Any, kind: str, owner_id: int, title: str, visibility: str = "members"
) -> Space:
    """The space of a collaboration, project or event, opened by its administrators; opening
    it again returns the one there is."""
    owner = _owner(kind, owner_id)
    existing = Space.objects.filter(**owner).first()
    if existing is not None:
        return existing
    space = Space(
        title=title.strip() or str(next(iter(owner.values()))), visibility=visibility, **owner
    )
    if not rules.is_administrator(actor, space):
        raise ValidationError(_("Only its administrators may open a space here."))
    space.full_clean()
    space.save()
    audit.record(actor=actor, action="space.open", obj=space, after=audit.snapshot(space))
    return space


@transaction.atomic
def do_announce(
    space: Space,
    *,
    actor: Any,
    title: str,
    body: str,
    pinned: bool = False,
    mail: bool = False,
    language: str = "",
) -> Announcement:
    """An announcement by an administrator, told to every member through the notification
    service (``notices.py``): with ``mail`` at once by e-mail (urgency *timely*: unless the
    member chose no mail for the space), without it by each member's mail choice."""
    if not rules.is_administrator(actor, space):
        raise ValidationError(_("Only the space's administrators may announce."))
    author = access_own_person(actor)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the announcement a title.")})
    announcement = Announcement.objects.create(
        space=space,
        author=author,
        title=title.strip()[:200],
        body=(text := check_body(body)),
        html=markdown(text),
        pinned=pinned,
        mailed=mail,
    )
    remember_language(author, language)
    audit.record(
        actor=actor,
        action="space.announce",
        obj=announcement,
        after={"pinned": pinned, "mailed": mail},
    )
    recipients = list(
        queries.members_of(space).exclude(pk=author.pk).exclude(pk__in=queries.blocked_ids(author))
    )

    def after() -> None:
        signals.announcement_published.send(
            sender=Announcement, space=space, post=announcement, recipients=recipients
        )

    transaction.on_commit(after)
    return announcement


@transaction.atomic
def do_set_pinned(announcement: Announcement, *, actor: Any, pinned: bool) -> Announcement:
    if not rules.is_administrator(actor, announcement.space):
        raise ValidationError(_("Only the space's administrators may announce."))
    announcement.pinned = pinned
    announcement.save(update_fields=["pinned"])
    return announcement


def _save_post(
    thread: Thread,
    author: Person,
    body: str,
    *,
    quote: Post | None,
    mentioned: list[Person],
    files: list[tuple[UploadedFile, str]],
    title: str = "",
) -> Post:
    post = Post.objects.create(
        thread=thread,
        space_id=thread.space_id,
        author=author,
        body=body,
        html=markdown(body),
        quote=quote,
        search_document=document([title, body]),
    )
    Mention.objects.bulk_create([Mention(post=post, person=p) for p in mentioned])
    for upload, kind in files:
        Attachment.objects.create(
            post=post,
            file=upload,
            name=(upload.name or "attachment")[:200],
            content_type=kind,
            size=upload.size or 0,
        )
    return post


def _announce_post(thread: Thread, post: Post, author: Person, mentioned: list[Person]) -> None:
    blocked = set(queries.blocked_ids(author).values_list("pk", flat=True))
    followers = [
        p for p in queries.followers_of(thread) if p.pk != author.pk and p.pk not in blocked
    ]
    named = [p for p in mentioned if p.pk != author.pk and p.pk not in blocked]

    def after() -> None:
        signals.post_created.send(sender=Post, space=thread.space, post=post, recipients=followers)
        if named:
            signals.person_mentioned.send(
                sender=Post, space=thread.space, post=post, recipients=named
            )

    transaction.on_commit(after)


def _follow(thread: Thread, person: Person) -> None:
    ThreadSubscription.objects.get_or_create(
        thread=thread, person=person, defaults={"state": ThreadSubscription.State.FOLLOW}
    )


@transaction.atomic
def do_start_thread(
    space: Space,
    *,
    actor: Any,
    title: str,
    body: str,
    mentions: Sequence[int] = (),
    attachments: Sequence[UploadedFile] = (),
    language: str = "",
) -> Thread:
    if not rules.can_post(actor, space):
        raise ValidationError(_("Only the space's members may write here."))
    author = access_own_person(actor)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    text = check_body(body)
    mentioned = check_mentions(space, mentions)
    files = check_attachments(attachments)
    thread = Thread.objects.create(
        space=space, author=author, title=title[:200], last_activity=timezone.now()
    )
    post = _save_post(
        thread, author, text, quote=None, mentioned=mentioned, files=files, title=thread.title
    )
    _follow(thread, author)
    remember_language(author, language)
    _announce_post(thread, post, author, mentioned)
    return thread


@transaction.atomic
def do_reply(
    thread: Thread,
    *,
    actor: Any,
    body: str,
    quote: int | None = None,
    mentions: Sequence[int] = (),
    attachments: Sequence[UploadedFile] = (),
    language: str = "",
) -> Post:
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    thread.locked = locked.locked
    if not rules.can_reply(actor, thread):
        raise ValidationError(_("This thread is locked."))
    author = access_own_person(actor)
    text = check_body(body)
    quoted = check_quote(thread, quote)
    mentioned = check_mentions(thread.space, mentions)
    files = check_attachments(attachments)
    post = _save_post(thread, author, text, quote=quoted, mentioned=mentioned, files=files)
    Thread.objects.filter(pk=thread.pk).update(
        last_activity=post.created, reply_count=locked.reply_count + 1
    )
    _follow(thread, author)
    remember_language(author, language)
    _announce_post(thread, post, author, mentioned)
    return post


@transaction.atomic
def do_edit_post(post: Post, *, actor: Any, body: str) -> Post:
    """A new text within the edit window; the previous one is kept as a revision."""
    if not rules.can_edit(actor, post):
        raise ValidationError(_("Only the author may edit a post, and only for a while."))
    text = check_body(body)
    if text == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body)
    post.body, post.html = text, markdown(text)
    post.edited = timezone.now()
    title = post.thread.title if post.thread.posts.order_by("created", "id").first() == post else ""
    post.search_document = document([title, text])
    post.save(update_fields=["body", "html", "edited", "search_document"])
    return post


@transaction.atomic
def do_set_follow(thread: Thread, *, actor: Any, state: str) -> str:
    """``follow``, ``mute`` or ``none`` (neither)."""
    person = access_own_person(actor)
    if state not in {"follow", "mute", "none"}:
        raise ValidationError({"state": _("Choose follow, mute or none.")})
    if state == "none":
        ThreadSubscription.objects.filter(thread=thread, person=person).delete()
    else:
        ThreadSubscription.objects.update_or_create(
            thread=thread, person=person, defaults={"state": state}
        )
    return state
