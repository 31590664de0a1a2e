import json

import pytest
from ninja.params.models import ParamModel

from tests.snapshot import assert_snapshot


@pytest.mark.django_db
def test_openapi_document_matches_reviewed_snapshot(client):
    document = client.get("/api/openapi.json").json()
    assert_snapshot("openapi.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _definitions(model) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    found = {name: json.dumps(d, sort_keys=True) for name, d in schema.pop("$defs", {}).items()}
    if not issubclass(model, ParamModel) and set(model.model_fields) != {"response"}:
        found[model.__name__] = json.dumps(schema, sort_keys=True)
    return found


def test_no_two_schemas_of_the_api_share_a_name():
    """The document keeps one schema per name: a second model of the same name would
    silently replace the first (as two ``ContributionOut`` once did)."""
    from ninja.constants import NOT_SET

    from science4peace.api import api

    seen: dict[str, set[str]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                models = [*operation.models, *operation.response_models.values()]
                for model in models:
                    if model is NOT_SET or model is None:
                        continue
                    for name, definition in _definitions(model).items():
                        seen.setdefault(name, set()).add(definition)
    assert {name for name, definitions in seen.items() if len(definitions) > 1} == set()
