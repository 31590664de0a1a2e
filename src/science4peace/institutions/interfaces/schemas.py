from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from science4peace.core.interfaces.types import CHOICES, BodyIn, Text
from science4peace.institutions.models import Institution


class CountryOut(Schema):
    code: str
    name: str
    un_status: str
    institution_count: int = 0


class InstitutionOut(Schema):
    id: int
    name: str
    ror: str | None
    country: str | None = Field(None, alias="country_id")
    kind: str
    address: str
    website: str
    parent: int | None = Field(None, alias="parent_id")
    icns: list[str]

    @staticmethod
    def resolve_icns(obj: Institution) -> list[str]:
        return [code.icn for code in obj.codes.all()]


class InstitutionIn(BodyIn):
    name: Text = Field(min_length=1, max_length=300)
    ror: Text | None = Field(None, max_length=60, description="ROR ID, bare or as URI")
    country: Text | None = Field(
        None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code of the seat"
    )
    kind: Annotated[Institution.Kind, CHOICES] = Institution.Kind.OTHER
    address: Text = Field("", max_length=500)
    website: Text = Field("", max_length=300)
    icns: list[Annotated[Text, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=20
    )
