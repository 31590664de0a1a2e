"""URL converters. ``<id:pk>`` matches the ids a 64-bit primary key can hold (1 to 18
digits), so a longer number is a 404 instead of a database error."""

from django.urls import register_converter


class IdConverter:
    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
