"""Demo data: about a thousand real CERN Open Data records (CC0), shipped in the package."""

from __future__ import annotations

import gzip
from importlib import resources

from science4peace.catalog.domain.imports import do_import_records

DEMO_FILE = "demo-records.json.gz"


def load_demo() -> int:
    """Import the shipped records (idempotent); the number of records in the catalog after."""
    from science4peace.catalog.models import Record

    data = gzip.decompress(resources.files(__package__).joinpath("data", DEMO_FILE).read_bytes())
    do_import_records(
        sources=[(DEMO_FILE, data)], actor=None, check_actor=False, max_bytes=len(data)
    )
    return Record.objects.count()
