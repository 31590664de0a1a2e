"""The "Are you sure?" page every destructive action shows on GET: the action happens only
when its POST form is sent, so nothing is deleted, ended, withdrawn or removed in one click,
with JavaScript or without."""

from __future__ import annotations

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_page(
    request: HttpRequest,
    *,
    question: str,
    confirm_label: str,
    cancel: str,
    form: BaseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The confirmation page; its form posts back to the same address."""
    context = {
        "question": question,
        "confirm_label": confirm_label,
        "cancel": cancel,
        "form": form,
        "action": request.get_full_path(),
    }
    return render(request, "core/confirm.html", context, status=status)
