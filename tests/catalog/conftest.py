from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from science4peace.catalog.domain.imports import do_import_records
from tests.conftest import ROOT

RECORDS = ROOT / "tests" / "data" / "cernopendata" / "portal-records"


def record_files(folder: Path = RECORDS) -> list[Path]:
    return sorted(folder.glob("*.json"))


def file_counts(folder: Path = RECORDS) -> Counter[tuple[str, str]]:
    """Records per (first experiment, primary type), read straight from the files."""
    counts: Counter[tuple[str, str]] = Counter()
    for path in record_files(folder):
        for record in json.loads(path.read_text("utf-8")):
            counts[(record["experiment"][0], record["type"]["primary"])] += 1
    return counts


def import_files(paths: list[Path]):
    return do_import_records(
        sources=[(p.name, p.read_bytes()) for p in paths], actor=None, check_actor=False
    )


@pytest.fixture
def portal_records(db):
    return import_files(record_files())
