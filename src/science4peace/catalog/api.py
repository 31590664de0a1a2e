"""The catalog's JSON API: search with facets (the same query function as the page) and
one record."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status

from science4peace.catalog.domain import queries
from science4peace.catalog.domain.access import access_record
from science4peace.catalog.interfaces import citation
from science4peace.catalog.interfaces.schemas import RecordOut, SearchIn, SearchOut
from science4peace.catalog.models import Record
from science4peace.core.api_errors import ErrorOut
from science4peace.core.interfaces.types import ObjectId

router = Router(tags=["catalog"])


def _url(request: HttpRequest, record: Record) -> str:
    return request.build_absolute_uri(reverse("catalog:record", args=[record.recid]))


@router.get("/catalog/records", response={200: SearchOut, 400: ErrorOut})
def search_records(request: HttpRequest, params: Query[SearchIn]) -> Status[Any]:
    filters = {name: getattr(params, name) for name in queries.FACETS}
    try:
        result = queries.search_records(
            q=params.q,
            filters=filters,
            sort=params.sort,
            page=params.page,
            per_page=params.per_page,
        )
    except queries.SearchError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(
        200,
        {
            "total": result.total,
            "page": result.page,
            "per_page": result.per_page,
            "pages": result.pages,
            "records": [
                {
                    "recid": r.recid,
                    "title": r.title,
                    "experiments": r.experiments,
                    "type_primary": r.type_primary,
                    "type_secondary": r.type_secondary,
                    "year": r.year,
                    "collision_energy": r.collision_energy,
                    "collision_type": r.collision_type,
                    "doi": r.doi,
                    "url": _url(request, r),
                }
                for r in result.records
            ],
            "facets": {
                name: [v.__dict__ for v in values] for name, values in result.facets.items()
            },
        },
    )


@router.get("/catalog/records/{int:recid}", response={200: RecordOut, 404: ErrorOut})
def get_record(request: HttpRequest, recid: ObjectId) -> dict[str, Any]:
    record = access_record(request.user, recid)
    detail = queries.record_detail(record)
    fields = {
        name: getattr(record, name) for name in RecordOut.model_fields if hasattr(record, name)
    }
    return {
        **fields,
        "url": _url(request, record),
        "files": [
            {"uri": f.uri, "size": f.size, "checksum": f.checksum, "type": f.kind}
            for f in detail.files
        ],
        "file_count": detail.file_count,
        "relations": [
            {
                "type": rel.kind,
                "recid": rel.target_recid,
                "title": rel.title or (target.title if target else ""),
                "doi": rel.doi,
                "in_catalog": target is not None,
            }
            for rel, target in detail.relations
        ],
        "client_commands": citation.client_commands(record),
        "bibtex": citation.bibtex(record),
        "datacite": citation.datacite(record),
    }
