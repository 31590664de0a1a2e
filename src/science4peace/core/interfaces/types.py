"""Types for input accepted by the API, bounded so that every value reaches the database
as something it can store or compare (PostgreSQL refuses NUL characters and integers beyond
64 bits, where SQLite would not)."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

MAX_ID = 2**63 - 1


def reject_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL (0x00) characters")
    return value


Text = Annotated[str, AfterValidator(reject_nul)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


class Pagination(LimitOffsetPagination):
    """limit 1–100 (default 50), offset 0–10⁹."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=10**9)
