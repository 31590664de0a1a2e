"""Spaces, threads, posts and messages over the API: the same access functions and queries
as the pages. Reading a members-only space needs a token of a member (else 404)."""

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId, Pagination, Text
from science4peace.people.interfaces.auth import TokenAuth, optional_user
from science4peace.spaces import rules
from science4peace.spaces.domain import access, discussions, messaging, moderation, queries
from science4peace.spaces.interfaces.schemas import (
    AnnouncementIn,
    AnnouncementOut,
    BlockIn,
    ConversationOut,
    DismissedOut,
    EditIn,
    FollowIn,
    LockIn,
    MessageIn,
    MessageOut,
    MessageSettingsIn,
    MessageSettingsIO,
    PostOut,
    ReasonIn,
    ReplyIn,
    ReportedPostOut,
    SpaceIn,
    SpaceOut,
    ThreadIn,
    ThreadOut,
)

router = Router(tags=["spaces"])
READ = {404: ErrorOut, 401: ErrorOut}
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"


class SearchQuery(Schema):
    q: Text = ""


@router.get("/spaces", response={200: list[SpaceOut], 401: ErrorOut})
@paginate(Pagination)
def list_spaces(request: HttpRequest) -> Any:
    """The spaces the caller may read (public ones without a token)."""
    return queries.spaces_for(optional_user(request))


@router.post("/spaces", auth=TokenAuth(), response={201: SpaceOut, **WRITE})
def open_space(request: HttpRequest, payload: SpaceIn) -> Status[Any]:
    """Open the space of a collaboration, project or event; for its administrators."""
    space = discussions.do_open_space(
        actor=request.user,
        kind=payload.kind,
        owner_id=payload.owner,
        title=payload.title,
        visibility=payload.visibility,
    )
    return Status(201, space)


@router.get("/spaces/{int:space_id}", response={200: SpaceOut, **READ})
def get_space(request: HttpRequest, space_id: ObjectId) -> Any:
    return access.access_space(optional_user(request), space_id)


@router.get("/spaces/{int:space_id}/announcements", response={200: list[AnnouncementOut], **READ})
@paginate(Pagination)
def list_announcements(request: HttpRequest, space_id: ObjectId) -> Any:
    return queries.announcements_of(access.access_space(optional_user(request), space_id))


@router.post(
    "/spaces/{int:space_id}/announcements",
    auth=TokenAuth(),
    response={201: AnnouncementOut, **WRITE},
)
def announce(request: HttpRequest, space_id: ObjectId, payload: AnnouncementIn) -> Status[Any]:
    """For the space's administrators. Every member is told through the notification service;
    with ``mail`` the mail goes out at once, otherwise as each member chose (item or digest)."""
    space = access.access_space(request.user, space_id, to="administer")
    announcement = discussions.do_announce(
        space,
        actor=request.user,
        language=_language(request),
        **payload.dict(),
    )
    return Status(201, announcement)


@router.get("/spaces/{int:space_id}/threads", response={200: list[ThreadOut], **READ})
@paginate(Pagination)
def list_threads(request: HttpRequest, space_id: ObjectId) -> Any:
    """The same list and order as the space's page: newest activity first."""
    user = optional_user(request)
    return queries.threads_of(access.access_space(user, space_id), user)


@router.post("/spaces/{int:space_id}/threads", auth=TokenAuth(), response={201: ThreadOut, **WRITE})
def start_thread(request: HttpRequest, space_id: ObjectId, payload: ThreadIn) -> Status[Any]:
    space = access.access_space(request.user, space_id, to="post")
    thread = discussions.do_start_thread(
        space, actor=request.user, language=_language(request), **payload.dict()
    )
    return Status(201, thread)


@router.get("/spaces/{int:space_id}/search", response={200: list[PostOut], 400: ErrorOut, **READ})
def search(request: HttpRequest, space_id: ObjectId, params: Query[SearchQuery]) -> Any:
    user = optional_user(request)
    space = access.access_space(user, space_id)
    try:
        return list(queries.search_posts(space, user, params.q))
    except queries.SearchError as error:
        return Status(400, {"detail": str(error)})


@router.get(
    "/spaces/{int:space_id}/threads/{int:thread_id}/posts",
    response={200: list[PostOut], **READ},
)
@paginate(Pagination)
def list_posts(request: HttpRequest, space_id: ObjectId, thread_id: ObjectId) -> Any:
    user = optional_user(request)
    thread = access.access_thread(user, thread_id, space_id=space_id)
    return queries.posts_of(thread, user)


@router.post(
    "/spaces/{int:space_id}/threads/{int:thread_id}/posts",
    auth=TokenAuth(),
    response={201: PostOut, **WRITE},
)
def reply(
    request: HttpRequest, space_id: ObjectId, thread_id: ObjectId, payload: ReplyIn
) -> Status[Any]:
    thread = access.access_thread(request.user, thread_id, space_id=space_id, to="reply")
    post = discussions.do_reply(
        thread, actor=request.user, language=_language(request), **payload.dict()
    )
    return Status(201, post)


@router.post(
    "/spaces/{int:space_id}/threads/{int:thread_id}/lock",
    auth=TokenAuth(),
    response={200: ThreadOut, **WRITE},
)
def lock(request: HttpRequest, space_id: ObjectId, thread_id: ObjectId, payload: LockIn) -> Any:
    thread = access.access_thread(request.user, thread_id, space_id=space_id, to="administer")
    return moderation.do_lock_thread(thread, actor=request.user, locked=payload.locked)


@router.post(
    "/spaces/{int:space_id}/threads/{int:thread_id}/follow",
    auth=TokenAuth(),
    response={200: FollowIn, **WRITE},
)
def follow(request: HttpRequest, space_id: ObjectId, thread_id: ObjectId, payload: FollowIn) -> Any:
    thread = access.access_thread(request.user, thread_id, space_id=space_id, to="follow")
    return {"state": discussions.do_set_follow(thread, actor=request.user, state=payload.state)}


@router.put("/posts/{int:post_id}", auth=TokenAuth(), response={200: PostOut, **WRITE})
def edit_post(request: HttpRequest, post_id: ObjectId, payload: EditIn) -> Any:
    """The author, within the edit window; the earlier text is kept."""
    post = access.access_post(request.user, post_id, to="edit")
    return discussions.do_edit_post(post, actor=request.user, body=payload.body)


@router.post("/posts/{int:post_id}/hide", auth=TokenAuth(), response={200: PostOut, **WRITE})
def hide_post(request: HttpRequest, post_id: ObjectId, payload: ReasonIn) -> Any:
    post = access.access_post(request.user, post_id, to="moderate")
    return moderation.do_hide_post(post, actor=request.user, reason=payload.reason)


@router.post("/posts/{int:post_id}/report", auth=TokenAuth(), response={204: None, **WRITE})
def report_post(request: HttpRequest, post_id: ObjectId, payload: ReasonIn) -> Status[None]:
    post = access.access_post(request.user, post_id, to="report")
    moderation.do_report_post(post, actor=request.user, reason=payload.reason)
    return Status(204, None)


@router.get(
    "/spaces/{int:space_id}/reports",
    auth=TokenAuth(),
    response={200: list[ReportedPostOut], **WRITE},
)
@paginate(Pagination)
def list_reports(request: HttpRequest, space_id: ObjectId) -> Any:
    """The space's reported posts with their open reports, the most reported first; for its
    administrators. Hiding a post (``POST /posts/{id}/hide``) closes its reports."""
    return queries.reported_posts(access.access_space(request.user, space_id, to="administer"))


@router.post(
    "/posts/{int:post_id}/reports/dismiss", auth=TokenAuth(), response={200: DismissedOut, **WRITE}
)
def dismiss_reports(request: HttpRequest, post_id: ObjectId) -> Any:
    """Close the post's open reports, leaving it shown; for the space's administrators."""
    post = access.access_post(request.user, post_id, to="moderate")
    return {"dismissed": moderation.do_dismiss_reports(post, actor=request.user)}


@router.get("/me/conversations", auth=TokenAuth(), response={200: list[ConversationOut], **WRITE})
@paginate(Pagination)
def list_conversations(request: HttpRequest) -> Any:
    person = access.access_own(request.user)
    return [
        {
            "id": c.pk,
            "with_person": other.pk,
            "name": str(other),
            "last_message": c.last_message,
        }
        for c in queries.conversations_of(person)
        for other in [c.second if c.first_id == person.pk else c.first]
    ]


@router.get(
    "/me/messages/{int:person_id}", auth=TokenAuth(), response={200: list[MessageOut], **WRITE}
)
@paginate(Pagination)
def list_messages(request: HttpRequest, person_id: ObjectId) -> Any:
    me = access.access_own(request.user)
    return queries.messages_between(me, access.access_person(request.user, person_id))


@router.post("/me/messages/{int:person_id}", auth=TokenAuth(), response={201: MessageOut, **WRITE})
def send_message(request: HttpRequest, person_id: ObjectId, payload: MessageIn) -> Status[Any]:
    """A message to another person; refused (403) when they blocked you or accept first
    messages only from people they share something with."""
    other = access.access_person(request.user, person_id)
    message = messaging.do_send_message(
        other, actor=request.user, body=payload.body, language=_language(request)
    )
    return Status(201, message)


@router.get("/me/message-settings", auth=TokenAuth(), response={200: MessageSettingsIO, **WRITE})
def get_message_settings(request: HttpRequest) -> Any:
    return {"first_contact": rules.first_contact(access.access_own(request.user))}


@router.put("/me/message-settings", auth=TokenAuth(), response={200: MessageSettingsIO, **WRITE})
def put_message_settings(request: HttpRequest, payload: MessageSettingsIn) -> Any:
    return messaging.do_set_message_settings(
        actor=request.user, first_contact=payload.first_contact
    )


@router.post("/me/blocks/{int:person_id}", auth=TokenAuth(), response={200: BlockIn, **WRITE})
def block(request: HttpRequest, person_id: ObjectId, payload: BlockIn) -> Any:
    other = access.access_person(request.user, person_id)
    return {"blocked": moderation.do_block(other, actor=request.user, blocked=payload.blocked)}
