from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from science4peace.core.forms import submit
from science4peace.core.interfaces.redirects import is_safe_next
from science4peace.notifications.domain import access, channels, preferences, queries, tokens
from science4peace.notifications.interfaces.feeds import atom
from science4peace.notifications.interfaces.forms import (
    ChannelPreferenceForm,
    MailSettingsForm,
    MarkReadForm,
)

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = access.access_inbox(request.user)
    unread = request.GET.get("unread") == "1"
    page = Paginator(queries.notifications_of(user, unread=unread), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread": unread, "unread_count": queries.unread_count(user)}
    template = "notifications/list.html#items" if request.htmx else "notifications/list.html"
    return render(request, template, context)


def on_site(request: HttpRequest, url: str) -> str:
    """An item's address as a link on this site: a path as it is, an address of this
    installation as its path, anything else the notifications page."""
    path = url.removeprefix(settings.S4P_SITE_URL) or "/"
    return path if is_safe_next(request, path) else reverse("notifications:list")


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    user = access.access_inbox(request.user)
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        return render(
            request, "notifications/bad_request.html", {"errors": form.errors}, status=400
        )
    chosen = form.cleaned_data["notification"]
    if chosen is not None:
        notification = access.access_notification(user, chosen)
        preferences.do_mark_read(actor=user, ids=[notification.pk])
        if notification.item.url:
            return redirect(on_site(request, notification.item.url))
    else:
        preferences.do_mark_read(actor=user)
        messages.success(request, _("Every notification is marked read."))
    return redirect("notifications:list")


@login_required
def preference_page(request: HttpRequest) -> HttpResponse:
    user = access.access_inbox(request.user)
    current = queries.mail_settings_of(user)
    form = MailSettingsForm(
        request.POST or None, initial={"frequency": current.frequency, "language": current.language}
    )
    if request.method == "POST" and submit(
        form, lambda data: preferences.do_set_mail_settings(actor=user, **data)
    ):
        messages.success(request, _("Your mail settings are saved."))
        return redirect("notifications:preferences")
    rows = [
        (
            row,
            ChannelPreferenceForm(
                initial={"channel": row.channel, "frequency": row.frequency or current.frequency}
            ),
        )
        for row in queries.channels_of(user)
    ]
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "channels": rows},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def channel_preference(request: HttpRequest) -> HttpResponse:
    user = access.access_inbox(request.user)
    form = ChannelPreferenceForm(request.POST)
    if submit(form, lambda data: preferences.do_set_channel_preference(actor=user, **data)):
        messages.success(
            request,
            _("Your choice for %(channel)s is saved.")
            % {"channel": channels.title_of(form.cleaned_data["channel"])},
        )
        return redirect("notifications:preferences")
    return render(request, "notifications/bad_request.html", {"errors": form.errors}, status=400)


@csrf_exempt  # RFC 8058: mail clients post without a session; the signed token is the proof
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the link stops, with a button; POST (the button, or a mail client's
    ``List-Unsubscribe=One-Click``): stop it. No login needed."""
    try:
        wanted = tokens.read_token(token)
        if request.method == "POST":
            preferences.do_unsubscribe(token=token)
    except ValidationError as error:
        return render(
            request,
            "notifications/unsubscribe.html",
            {"error": " ".join(error.messages)},
            status=400,
        )
    context = {
        "token": token,
        "everything": wanted.channel == tokens.EVERY_CHANNEL,
        "title": channels.title_of(wanted.channel),
        "done": request.method == "POST",
    }
    return render(request, "notifications/unsubscribe.html", context)


def feed(request: HttpRequest, channel: str) -> HttpResponse:
    source = access.access_feed(channel)
    url = request.build_absolute_uri(reverse("notifications:feed", args=[channel]))
    return HttpResponse(
        atom(source, feed_url=url), content_type="application/atom+xml; charset=utf-8"
    )
