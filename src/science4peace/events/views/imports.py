"""The Indico import page: an Indico export (JSON) becomes a new event."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from science4peace.core.forms import attach_errors
from science4peace.core.uploads import check_upload
from science4peace.events.domain import imports
from science4peace.events.interfaces.forms import ImportForm
from science4peace.lib import indico

from .manage_event import status_of as _status


@login_required
def import_indico(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            try:
                report = imports.do_import_indico(indico.parse(upload.read()), actor=request.user)
            except indico.IndicoError as error:
                form.add_error("file", str(error))
            except ValidationError as error:  # a text over its limit, a control character
                form.add_error("file", error.messages)
            else:
                for line in report.lines():
                    messages.success(request, line)
                return redirect("events:manage", pk=report.event.pk)
    return render(request, "events/import.html", {"form": form}, status=_status(form))
