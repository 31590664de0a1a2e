from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from science4peace.core.interfaces.types import ObjectId, Text
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


class PersonPatch(Schema):
    given_name: Text | None = Field(None, max_length=150)
    family_name: Text | None = Field(None, min_length=1, max_length=150)
    paper_name: Text | None = Field(None, max_length=200)
    native_name: Text | None = Field(None, max_length=200)
    orcid: Text | None = Field(None, max_length=40)
    city: Text | None = Field(None, max_length=150)
    location_country: Text | None = Field(None, min_length=2, max_length=2)
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=8, decimal_places=5)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=8, decimal_places=5)
    timezone: Text | None = Field(None, max_length=64)


class AffiliationIn(Schema):
    institution: ObjectId
    role: Text = Field("", max_length=150)
    kind: Affiliation.Kind = Affiliation.Kind.PRIMARY
    start: dt.date
    end: dt.date | None = None
