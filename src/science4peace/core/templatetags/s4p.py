from typing import Any

from django import template
from django.utils.translation import get_language

from science4peace.lib.countries import localized_country_name

register = template.Library()


@register.filter
def country_name(country: Any) -> str:
    """A country (model or code) named in the interface language."""
    if not country:
        return ""
    code = getattr(country, "code", country)
    return localized_country_name(str(code), get_language() or "en")
