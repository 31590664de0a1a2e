"""The event's Roles page: organisers give, change and take the roles of organiser,
programme committee, reviewer and viewer; an event always keeps one organiser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from science4peace.core.confirm import confirm_page
from science4peace.core.forms import submit
from science4peace.events.domain import changes, queries
from science4peace.events.domain.access import access_event, access_role
from science4peace.events.interfaces.forms import RoleForm
from science4peace.people.domain.queries import account_with_email


@login_required
def roles(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="manage")
    form = RoleForm(request.POST or None)
    if request.method == "POST" and submit(
        form,
        lambda data: changes.do_set_role(
            event, actor=request.user, user=account_with_email(data["email"]), role=data["role"]
        ),
    ):
        messages.success(request, _("The role was given."))
        return redirect("events:roles", pk=pk)
    context = {"event": event, "form": form, "roles": queries.list_roles(event)}
    return render(request, "events/roles.html", context, status=400 if form.errors else 200)


@login_required
def remove_role(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    """GET asks "Are you sure?"; POST takes the role, never from the last organiser."""
    role = access_role(request.user, pk, user_id)
    back = reverse("events:roles", args=[pk])
    if request.method == "POST":
        try:
            changes.do_set_role(role.event, actor=request.user, user=role.user, role=None)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was taken."))
        return redirect(back)
    question = _("Take the role “%(role)s” of %(user)s in %(event)s?") % {
        "role": role.get_role_display(),
        "user": role.user.email,
        "event": role.event.title,
    }
    return confirm_page(request, question=question, confirm_label=_("Take the role"), cancel=back)
