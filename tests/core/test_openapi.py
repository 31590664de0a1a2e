import json
import os

import pytest

from tests.conftest import ROOT

SNAPSHOT = ROOT / "tests" / "snapshots" / "openapi.json"


@pytest.mark.django_db
def test_openapi_document_matches_reviewed_snapshot(client):
    document = client.get("/api/openapi.json").json()
    if os.environ.get("S4P_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    assert document == json.loads(SNAPSHOT.read_text())
