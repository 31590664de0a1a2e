"""Putting the domain's ValidationErrors on the form a person filled in."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def attach_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
