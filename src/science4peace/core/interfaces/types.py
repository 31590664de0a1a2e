"""Types for input accepted by the API, bounded so that every value reaches the database
as something it can store or compare (PostgreSQL refuses NUL characters and integers beyond
64 bits, where SQLite would not), and typed as the OpenAPI document says: a request that
does not match the schema is a 422, one that matches it is never refused for its types."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.schema import DjangoGetter
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    GetCoreSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import core_schema

MAX_ID = 2**63 - 1


def reject_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL (0x00) characters")
    return value


# The pattern says in the schema what reject_nul checks (with its own message).
Text = Annotated[
    str, AfterValidator(reject_nul), Field(json_schema_extra={"pattern": "^[^\\x00]*$"})
]


def _integral(value: Any) -> Any:
    """JSON Schema counts 2952.0 as an integer, so the API does too."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


ObjectId = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_integral)]
# A number in a JSON body that must be whole (2.0 counts, as JSON Schema counts it).
Integer = Annotated[int, BeforeValidator(_integral)]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date as YYYY-MM-DD") from None
    return value


# A date in a JSON body: a "YYYY-MM-DD" string only (never a number of seconds).
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Choices:
    """``Annotated[SomeModel.Kind, CHOICES]``: a field taking one of the values of a Django
    ``TextChoices``, listed in the schema where the field is rather than as a shared
    component named after the class (``Kind``, ``Status``), so that two enumerations never
    share a name; a value that is not one of them is refused naming them all."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        values = [member.value for member in source]

        def parse(value: Any) -> Any:
            if isinstance(value, source):
                return value
            if isinstance(value, str) and value in values:
                return source(value)
            raise ValueError("must be one of " + ", ".join(repr(v) for v in values))

        schema = core_schema.no_info_before_validator_function(parse, handler(source))
        schema["metadata"] = {
            "pydantic_js_functions": [lambda _schema, _handler: {"type": "string", "enum": values}]
        }
        return schema


CHOICES = Choices()


def _degrees(value: Any) -> Any:
    # Only a number near the range is rounded (1e308 cannot be, and is refused as out of range).
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 1000:
        return Decimal(str(value)).quantize(Decimal("0.00001"))
    return value


# A latitude or longitude in degrees: a JSON number, kept to five decimal places (a metre).
Latitude = Annotated[
    Decimal,
    BeforeValidator(_degrees),
    Field(ge=-90, le=90),
    WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90}),
]
Longitude = Annotated[
    Decimal,
    BeforeValidator(_degrees),
    Field(ge=-180, le=180),
    WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180}),
]


class BodyIn(Schema):
    """The base of every JSON request body: a JSON object, each value of the JSON type the
    schema gives (strict: ``0`` is not ``false``, ``"5"`` is not ``5``)."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, values: Any) -> Any:
        # Ninja's own validator has wrapped the body in a DjangoGetter, which reads any
        # object's attributes: a list or a string would pass as an empty object.
        raw = values._obj if isinstance(values, DjangoGetter) else values
        if not isinstance(raw, dict):
            raise ValueError("the body must be a JSON object")
        return values


class Pagination(LimitOffsetPagination):
    """limit 1–100 (default 50), offset 0–10⁹."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=10**9)
