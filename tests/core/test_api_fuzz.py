"""Schemathesis generates requests from our OpenAPI document: no input may cause a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from science4peace.wsgi import application


@pytest.fixture
def api_schema(db):
    """The schema, served by the real WSGI application. As Django's test client does, the
    per-request connection clean-up is switched off so the test's transaction survives."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_answers_with_a_server_error(case, auth_headers, cern):
    case.call_and_validate(
        headers={**auth_headers, "Host": "localhost"}, checks=[not_a_server_error]
    )
