"""Organisers write to their participants: compose, preview, send; each message's delivery
report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from science4peace.core.forms import attach_errors
from science4peace.events.domain import messages as outgoing
from science4peace.events.domain import queries
from science4peace.events.domain.access import access_event, access_message
from science4peace.events.interfaces.forms import MessageForm
from science4peace.notifications.domain.queries import delivery_report


@login_required
def compose(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form and the messages sent; POST "preview": who receives what; POST "send":
    queue it and show its delivery report."""
    event = access_event(request.user, pk, to="manage")
    form = MessageForm(request.POST or None, event=event)
    shown = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "send":
                sent = outgoing.do_send_message(
                    event,
                    actor=request.user,
                    audience=form.audience(),
                    subject=data["subject"],
                    body=data["body"],
                )
                messages.success(
                    request,
                    _("The message is queued for %(count)s people.") % {"count": sent.recipients},
                )
                return redirect("events:message", pk=pk, message_id=sent.pk)
            shown = outgoing.preview(
                event,
                actor=request.user,
                audience=form.audience(),
                subject=data["subject"],
                body=data["body"],
            )
        except ValidationError as error:
            attach_errors(form, error)
    context = {
        "event": event,
        "form": form,
        "preview": shown,
        "sent": queries.messages_of(event),
    }
    return render(request, "events/messages.html", context, status=400 if form.errors else 200)


@login_required
def message_report(request: HttpRequest, pk: int, message_id: int) -> HttpResponse:
    message = access_message(request.user, pk, message_id)
    report = delivery_report(message.item) if message.item_id else {}
    return render(
        request,
        "events/message.html",
        {"event": message.event, "message": message, "report": report},
    )
