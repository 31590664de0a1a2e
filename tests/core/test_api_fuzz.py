"""Schemathesis generates requests from our OpenAPI document and runs every check it has on
each answer: no 5xx, every status code, content type, header and body as documented, invalid
data refused, valid data accepted, authentication never ignored. Over every operation, once
without a token and once with one, given through schemathesis's own authentication so that
its negative cases about the Authorization header itself go out without the token."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig

from science4peace.wsgi import application

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
# The contract (docs/api.md, "Errors"): 422 when a request does not match the schema, 400 when
# it does but breaks a rule the schema cannot express (a checksum, an overlap, the content of an
# uploaded file). A schema-valid request answered 422 means the schema and the validation
# disagree; that is what the positive-data check catches, so 400 is among its expected answers
# and 422 is not (nor 5xx, which schemathesis would otherwise allow here).
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)


@pytest.fixture
def api_schema(db):
    """The schema, served by the real WSGI application. As Django's test client does, the
    per-request connection clean-up is switched off so the test's transaction survives."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema_with_token(api_schema, token):
    """The same schema with the token given through schemathesis's own authentication: it is
    set on every generated request except a negative one whose fault is the security
    parameter itself (the Authorization header left out or malformed), so such a request is
    sent without the token and must be refused."""

    class BearerToken:
        def get(self, case, context):
            return token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    api_schema.auth.auth(refresh_interval=None)(BearerToken)
    return api_schema


schema = schemathesis.pytest.from_fixture("api_schema")
schema_with_token = schemathesis.pytest.from_fixture("api_schema_with_token")


@pytest.fixture(autouse=True)
def _rate_limits_raised(settings):
    """The fuzzer sends far more than the documented 120 requests a minute; the limits are
    raised, not switched off, so throttling still runs on every request."""
    settings.S4P_API_RATES = {"anonymous": "100000/m", "token": "100000/m"}


# Schemathesis calls the WSGI application directly and reads the body as it comes: it asks for
# no compression, as an HTTP client that decodes gzip would not need to (the pages and the API
# are gzipped when a client accepts it; tests/core/test_page_weight.py).
HEADERS = {"Host": "localhost", "Accept-Encoding": "identity"}

FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@schema.parametrize()
@FUZZ
def test_every_answer_without_a_token_is_as_documented(case, cern):
    case.call_and_validate(headers=HEADERS, checks=ALL_CHECKS)


@schema_with_token.parametrize()
@FUZZ
def test_every_answer_with_a_token_is_as_documented(case, token, cern):
    response = case.call_and_validate(headers=HEADERS, checks=ALL_CHECKS)
    # Every request but a negative one about the security parameter carries the token, and a
    # request that carries it is never answered 401 (so the run above really was with a token).
    if case.operation.schema.is_security_param_negated(case):
        return
    assert (case.headers["Authorization"], response.status_code == 401) == (
        f"Bearer {token}",
        False,
    )
