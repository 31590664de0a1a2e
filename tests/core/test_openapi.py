import json

import pytest

from tests.snapshot import assert_snapshot


@pytest.mark.django_db
def test_openapi_document_matches_reviewed_snapshot(client):
    document = client.get("/api/openapi.json").json()
    assert_snapshot("openapi.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
