"""Putting the domain's ValidationErrors on the form a person filled in."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def attach_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit(form: BaseForm, action: Callable[[dict[str, Any]], object]) -> bool:
    """Validate ``form``, run the domain ``action`` on its cleaned data and put a domain
    ValidationError on the form. True when the action ran; the view then redirects."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True
