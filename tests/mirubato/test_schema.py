"""The OpenAPI schema is generated without warnings, is valid OpenAPI 3, and is served."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema_text(django_db_blocker) -> str:
    out = io.StringIO()
    with django_db_blocker.unblock():
        # --fail-on-warn turns any drf-spectacular warning (an unresolvable serializer, a
        # missing type hint) into a failure.
        call_command(
            "spectacular", "--fail-on-warn", "--validate", "--format", "openapi-json", stdout=out
        )
    return out.getvalue()


def test_schema_generates_without_warnings_and_validates_as_openapi_3(schema_text):
    schema = json.loads(schema_text)
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_operation_documents_the_error_envelope(schema_text):
    schema = json.loads(schema_text)
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            ref = operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorEnvelope"), (path, method)


def test_schema_endpoint_serves_json(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Mirubato API"


def test_swagger_ui_renders_with_local_assets(api_client):
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr.net" not in html  # assets come from this server (sidecar)


def test_error_serializer_describes_the_whole_envelope():
    from mirubato.api.errors import error_body
    from mirubato.api.schema import ErrorSerializer

    body = error_body("conflict", "Already there.", {"field": "x"})
    serializer = ErrorSerializer(data=body)
    assert serializer.is_valid(), serializer.errors
    assert set(ErrorSerializer().fields) == {"error"}
