"""Schema-driven fuzzing: every operation in /api/schema/, anonymous and signed in, must never
answer 5xx and must answer what its schema documents. New endpoints are fuzzed automatically."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mirubato.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure reproduces
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(db):
    # Requests reach the WSGI app directly, not through Django's test client, so do what the
    # client does: keep request_finished from closing the test's transaction-held connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db(databases=["default", "scores", "dictionary"])
@schema.parametrize()
@FUZZ_SETTINGS
def test_anonymous_requests_never_fail_the_schema(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db(databases=["default", "scores", "dictionary"])
@schema.parametrize()
@FUZZ_SETTINGS
def test_signed_in_requests_never_fail_the_schema(case, auth_client):
    token = auth_client._credentials["HTTP_AUTHORIZATION"]
    case.call_and_validate(headers={"Authorization": token}, checks=CHECKS)
