from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from science4peace.core.interfaces.types import (
    CHOICES,
    BodyIn,
    IsoDate,
    Latitude,
    Longitude,
    ObjectId,
    Text,
)
from science4peace.people.models import Affiliation


class AffiliationOut(Schema):
    id: int
    institution: int = Field(alias="institution_id")
    institution_name: str = Field(alias="institution.name")
    role: str
    kind: str
    start: dt.date
    end: dt.date | None


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    paper_name: str
    native_name: str
    orcid: str | None
    affiliations: list[AffiliationOut]


class PersonMeOut(PersonOut):
    city: str
    location_country: str | None = Field(None, alias="location_country_id")
    latitude: Decimal | None
    longitude: Decimal | None
    timezone: str


class PersonPatch(BodyIn):
    given_name: Text | None = Field(None, max_length=150)
    family_name: Text | None = Field(None, min_length=1, max_length=150)
    paper_name: Text | None = Field(None, max_length=200)
    native_name: Text | None = Field(None, max_length=200)
    orcid: Text | None = Field(None, max_length=40)
    city: Text | None = Field(None, max_length=150)
    location_country: Text | None = Field(None, min_length=2, max_length=2)
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    timezone: Text | None = Field(None, max_length=64)


class AffiliationIn(BodyIn):
    institution: ObjectId
    role: Text = Field("", max_length=150)
    kind: Annotated[Affiliation.Kind, CHOICES] = Affiliation.Kind.PRIMARY
    start: IsoDate
    end: IsoDate | None = None
