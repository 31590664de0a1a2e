from typing import Any

from django import template

register = template.Library()


@register.filter
def notification_text(item: Any, language: str) -> dict[str, str]:
    """An item's subject and body in the language its recipient reads."""
    return item.text(language)
