from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from science4peace.core.interfaces.types import Text


class SearchIn(Schema):
    q: Text = Field("", description='words (all must match), "phrases", prefix*, -excluded')
    experiment: list[Text] = []
    type: list[Text] = []
    year: list[Text] = []
    energy: list[Text] = []
    collision: list[Text] = []
    format: list[Text] = []
    availability: list[Text] = []
    sort: Text = Field("relevance", description="relevance, date or title")
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(20, ge=1, le=100)


class RecordSummaryOut(Schema):
    recid: int
    title: str
    experiments: list[str]
    type_primary: str
    type_secondary: list[str]
    year: int | None
    collision_energy: str
    collision_type: str
    doi: str
    url: str


class FacetValueOut(Schema):
    value: str
    count: int
    selected: bool


class SearchOut(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    records: list[RecordSummaryOut]
    facets: dict[str, list[FacetValueOut]]


class FileOut(Schema):
    uri: str
    size: int | None
    checksum: str
    type: str


class RelationOut(Schema):
    type: str
    recid: int | None
    title: str
    doi: str
    in_catalog: bool


class RecordOut(Schema):
    recid: int
    title: str
    title_additional: str
    abstract: str
    type_primary: str
    type_secondary: list[str]
    experiments: list[str]
    collaboration: str
    accelerator: str
    run_periods: list[str]
    collision_energy: str
    collision_type: str
    date_created: list[str]
    date_published: str
    year: int | None
    doi: str
    license: str
    size: int | None
    number_events: int | None
    number_files: int | None
    formats: list[str]
    availability: str
    keywords: list[str]
    category_primary: str
    categories_secondary: list[str]
    release: str
    global_tag: str
    container_images: list[dict[str, Any]]
    version: int
    url: str
    files: list[FileOut]
    file_count: int
    relations: list[RelationOut]
    client_commands: list[str]
    bibtex: str
    datacite: dict[str, Any]
    published: dict[str, Any]
