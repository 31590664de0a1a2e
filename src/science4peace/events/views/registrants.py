"""Reviewers' pages: the registrants (and their CSV), and the anonymous selection of a
school's applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from science4peace.events import rules
from science4peace.events.domain import queries, registrations
from science4peace.events.domain.access import access_application, access_event, access_school
from science4peace.events.interfaces.forms import DecisionForm, RegistrantFilterForm
from science4peace.events.interfaces.mail import notify_for
from science4peace.events.interfaces.registrants import registrants_csv as as_csv


def _status(request: HttpRequest) -> tuple[RegistrantFilterForm, str]:
    form = RegistrantFilterForm(request.GET)
    return form, form.cleaned_data["status"] if form.is_valid() else ""


@login_required
def registrants(request: HttpRequest, pk: int) -> HttpResponse:
    """The page, or (for htmx) its list only, filtered by status."""
    event = access_event(request.user, pk, to="review")
    form, status = _status(request)
    context = {
        "event": event,
        "form": form,
        "status": status,
        "registrations": queries.registrants(event, status=status),
        "questions": queries.registration_questions(event),
        "can_manage": rules.can_manage(request.user, event),
    }
    template = "events/registrants.html#results" if request.htmx else "events/registrants.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def registrants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, to="review")
    form, status = _status(request)
    if form.errors:
        return HttpResponse(
            " ".join(form.errors["status"]), status=400, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(
        as_csv(queries.registrants(event, status=status), queries.registration_questions(event)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrants.csv"'
    return response


@login_required
def applications(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection step: each application by its code, motivation and CV only."""
    event = access_school(request.user, pk)
    context = {
        "event": event,
        "pending": queries.pending_applications(event),
        "decided": queries.decided_applications(event),
        "form": DecisionForm(),
    }
    return render(request, "events/applications.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    application = access_application(request.user, pk, code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
        return redirect("events:applications", pk=pk)
    try:
        registrations.do_decide(
            application,
            actor=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            notify=notify_for(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:applications", pk=pk)


@login_required
def application_cv(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    application = access_application(request.user, pk, code)
    if not application.cv:
        raise Http404(_("This application has no CV."))
    return FileResponse(
        application.cv.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"application-{code}.pdf",
    )
