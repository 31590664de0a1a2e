from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.core.forms import submit
from science4peace.core.interfaces.pickers import matches_page
from science4peace.people.interfaces.pickers import person_label
from science4peace.spaces import rules
from science4peace.spaces.domain import access, discussions, messaging, moderation, queries
from science4peace.spaces.interfaces.forms import (
    AnnouncementForm,
    BlockForm,
    EditForm,
    FollowForm,
    LockForm,
    MessageForm,
    MessageSettingsForm,
    ReasonForm,
    ReplyForm,
    SearchForm,
    SettleForm,
    SpaceForm,
    ThreadForm,
)
from science4peace.spaces.interfaces.links import attach_links

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50
KINDS = ("collaboration", "project", "event")


def _page(rows, per_page: int, number: str | None):
    """A page of ``rows``; ``last`` is the last page (where a new reply or message is)."""
    paginator = Paginator(rows, per_page)
    return paginator.get_page(paginator.num_pages if number == "last" else number)


def _language() -> str:
    return translation.get_language() or "en"


def _errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def _status(form) -> int:
    return 400 if form.errors else 200


def space_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.spaces_for(request.user), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    template = "spaces/list.html#results" if request.htmx else "spaces/list.html"
    return render(request, template, {"page": page})


@login_required
def open_space(request: HttpRequest, kind: str, owner_id: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(_("No such space."))
    form = SpaceForm(request.POST or None, initial={"visibility": "members"})
    opened: list = []
    if request.method == "POST" and submit(
        form,
        lambda data: opened.append(
            discussions.do_open_space(actor=request.user, kind=kind, owner_id=owner_id, **data)
        ),
    ):
        return redirect("spaces:detail", pk=opened[0].pk)
    context = {"form": form, "kind": kind, "owner_id": owner_id}
    return render(request, "spaces/open.html", context, status=_status(form))


def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = access.access_space(request.user, pk)
    search = SearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    results, search_error = [], ""
    if q:
        try:
            results = list(queries.search_posts(space, request.user, q))
        except queries.SearchError as error:
            search_error = str(error)
    page = Paginator(queries.threads_of(space, request.user), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "space": space,
        "page": page,
        "q": q,
        "search": search,
        "results": results,
        "search_error": search_error,
    }
    if request.htmx and not q:
        return render(request, "spaces/detail.html#threads", context)
    administrator = rules.is_administrator(request.user, space)
    context |= {
        "announcements": list(queries.announcements_of(space)[:20]),
        "is_administrator": administrator,
        "open_reports": queries.open_report_count(space) if administrator else 0,
        "can_post": rules.can_post(request.user, space),
        "announce_form": AnnouncementForm() if administrator else None,
    }
    return render(request, "spaces/detail.html", context, status=400 if search_error else 200)


@login_required
@require_POST
def announce(request: HttpRequest, pk: int) -> HttpResponse:
    space = access.access_space(request.user, pk, to="administer")
    form = AnnouncementForm(request.POST)
    if submit(
        form,
        lambda data: discussions.do_announce(
            space, actor=request.user, language=_language(), **data
        ),
    ):
        messages.success(request, _("The announcement is published."))
        return redirect("spaces:detail", pk=pk)
    messages.error(request, _errors(form))
    return render(
        request,
        "spaces/announce.html",
        {"space": space, "announce_form": form},
        status=400,
    )


@login_required
def new_thread(request: HttpRequest, pk: int) -> HttpResponse:
    space = access.access_space(request.user, pk, to="post")
    form = ThreadForm(request.POST or None, request.FILES or None, space=space)
    started: list = []
    if request.method == "POST":
        attachments = request.FILES.getlist("attachments")

        def action(data: dict) -> None:
            started.append(
                discussions.do_start_thread(
                    space,
                    actor=request.user,
                    title=data["title"],
                    body=data["body"],
                    mentions=[person.pk for person in data["mentions"]],
                    attachments=attachments,
                    language=_language(),
                )
            )

        if submit(form, action):
            return redirect("spaces:thread", pk=pk, thread_id=started[0].pk)
    return render(
        request, "spaces/new_thread.html", {"space": space, "form": form}, status=_status(form)
    )


def pick_member(request: HttpRequest, pk: int) -> HttpResponse:
    """The matches of the mention picker: members of the space, asked only by those who may
    post in it (a members-only space is a 404 to others, anyone else gets a 403)."""
    space = access.access_space(request.user, pk, to="post")
    return matches_page(
        request, search=lambda q: queries.search_members(space, q), describe=person_label
    )


def thread_detail(request: HttpRequest, pk: int, thread_id: int) -> HttpResponse:
    thread = access.access_thread(request.user, thread_id, space_id=pk)
    space = thread.space
    can_reply = rules.can_reply(request.user, thread)
    form = None
    if request.method == "POST":
        thread = access.access_thread(request.user, thread_id, space_id=pk, to="reply")
        form = ReplyForm(request.POST, request.FILES, space=space)
        attachments = request.FILES.getlist("attachments")
        posted: list = []

        def action(data: dict) -> None:
            posted.append(
                discussions.do_reply(
                    thread,
                    actor=request.user,
                    body=data["body"],
                    quote=data["quote"],
                    mentions=[person.pk for person in data["mentions"]],
                    attachments=attachments,
                    language=_language(),
                )
            )

        if submit(form, action):
            return redirect(f"{thread.get_absolute_url()}?page=last#post-{posted[0].pk}")
    page = _page(queries.posts_of(thread, request.user), POSTS_PER_PAGE, request.GET.get("page"))
    attach_links(page)
    context = {
        "space": space,
        "thread": thread,
        "page": page,
        "posts": page,
        "can_reply": can_reply,  # the posts' actions, in the page and in its htmx pages alike
        "is_administrator": rules.is_administrator(request.user, space),
    }
    if request.htmx:
        return render(request, "spaces/thread.html#posts", context)
    if form is None and can_reply:
        quote = request.GET.get("quote", "")
        initial = {"quote": quote} if quote.isdigit() else {}
        form = ReplyForm(initial=initial, space=space)
    context |= {
        "form": form,
        "follow_form": FollowForm() if request.user.is_authenticated else None,
    }
    return render(
        request, "spaces/thread.html", context, status=400 if form and form.errors else 200
    )


@login_required
def edit_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id, to="edit")
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and submit(
        form, lambda data: discussions.do_edit_post(post, actor=request.user, body=data["body"])
    ):
        messages.success(request, _("The post was saved; the earlier text is kept."))
        return redirect(post.thread.get_absolute_url())
    context = {"post": post, "form": form, "revisions": queries.revisions_of(post)}
    return render(request, "spaces/edit_post.html", context, status=_status(form))


def _act(request: HttpRequest, action, success: str) -> bool:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def hide_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id, to="moderate")
    if request.POST.get("show"):
        _act(
            request,
            lambda: moderation.do_hide_post(post, actor=request.user, reason="", hidden=False),
            _("The post is shown again."),
        )
        return redirect(post.thread.get_absolute_url())
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(post.thread.get_absolute_url())
    _act(
        request,
        lambda: moderation.do_hide_post(
            post, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("The post is hidden; its author sees why."),
    )
    return redirect(post.thread.get_absolute_url())


@login_required
@require_POST
def report_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id, to="report")
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(post.thread.get_absolute_url())
    _act(
        request,
        lambda: moderation.do_report_post(
            post, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Thank you; the space's administrators will look at it."),
    )
    return redirect(post.thread.get_absolute_url())


@login_required
def reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The administrators' queue: posts of the space that members reported."""
    space = access.access_space(request.user, pk, to="administer")
    page = _page(queries.reported_posts(space), POSTS_PER_PAGE, request.GET.get("page"))
    return render(request, "spaces/reports.html", {"space": space, "page": page})


@login_required
@require_POST
def settle_reports(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id, to="moderate")
    form = SettleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    elif form.cleaned_data["action"] == "hide":
        reason = form.cleaned_data["reason"]
        _act(
            request,
            lambda: moderation.do_hide_post(post, actor=request.user, reason=reason),
            _("The post is hidden; its author sees why."),
        )
    else:
        _act(
            request,
            lambda: moderation.do_dismiss_reports(post, actor=request.user),
            _("The reports are dismissed; the post stays."),
        )
    return redirect("spaces:reports", pk=post.space_id)


@login_required
@require_POST
def lock_thread(request: HttpRequest, pk: int, thread_id: int) -> HttpResponse:
    thread = access.access_thread(request.user, thread_id, space_id=pk, to="administer")
    form = LockForm(request.POST)
    form.is_valid()
    locked = bool(form.cleaned_data.get("locked"))
    _act(
        request,
        lambda: moderation.do_lock_thread(thread, actor=request.user, locked=locked),
        _("The thread is locked.") if locked else _("The thread is open again."),
    )
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def follow_thread(request: HttpRequest, pk: int, thread_id: int) -> HttpResponse:
    thread = access.access_thread(request.user, thread_id, space_id=pk, to="follow")
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(thread.get_absolute_url())
    state = form.cleaned_data["state"]
    discussions.do_set_follow(thread, actor=request.user, state=state)
    messages.success(request, dict(form.fields["state"].choices)[state])
    return redirect(thread.get_absolute_url())


def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    found = access.access_attachment(request.user, attachment_id)
    return FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=found.content_type == "application/pdf",
        filename=found.name,
    )


@login_required
def conversations(request: HttpRequest) -> HttpResponse:
    person = access.access_own(request.user)
    page = Paginator(queries.conversations_of(person), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(c, c.second if c.first_id == person.pk else c.first) for c in page]
    template = "spaces/conversations.html#results" if request.htmx else "spaces/conversations.html"
    return render(request, template, {"page": page, "rows": rows})


@login_required
def conversation(request: HttpRequest, person_id: int) -> HttpResponse:
    me = access.access_own(request.user)
    other = access.access_person(request.user, person_id)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            sent = submit(
                form,
                lambda data: messaging.do_send_message(
                    other, actor=request.user, body=data["body"], language=_language()
                ),
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            sent, status = False, 403
        if sent:
            return redirect("spaces:conversation", person_id=person_id)
    page = _page(
        queries.messages_between(me, other), POSTS_PER_PAGE, request.GET.get("page", "last")
    )
    context = {
        "other": other,
        "page": page,
        "form": form,
        "blocked": rules.blocks_between(me, other),
        "block_form": BlockForm(),
    }
    template = "spaces/conversation.html#messages" if request.htmx else "spaces/conversation.html"
    return render(request, template, context, status=status if status != 200 else _status(form))


@login_required
def message_settings(request: HttpRequest) -> HttpResponse:
    person = access.access_own(request.user)
    form = MessageSettingsForm(
        request.POST or None, initial={"first_contact": rules.first_contact(person)}
    )
    if request.method == "POST" and submit(
        form,
        lambda data: messaging.do_set_message_settings(
            actor=request.user, first_contact=data["first_contact"]
        ),
    ):
        messages.success(request, _("Your message settings were saved."))
        return redirect("spaces:message-settings")
    context = {"form": form, "blocked": queries.blocked_by(person)}
    return render(request, "spaces/message_settings.html", context, status=_status(form))


@login_required
@require_POST
def block(request: HttpRequest, person_id: int) -> HttpResponse:
    other = access.access_person(request.user, person_id)
    form = BlockForm(request.POST)
    form.is_valid()
    blocked = bool(form.cleaned_data.get("blocked"))
    _act(
        request,
        lambda: moderation.do_block(other, actor=request.user, blocked=blocked),
        _("Blocked: neither of you sees the other's posts or messages.")
        if blocked
        else _("Unblocked."),
    )
    return redirect("spaces:conversation", person_id=person_id)
