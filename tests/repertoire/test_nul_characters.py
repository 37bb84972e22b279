"""The NUL character, which PostgreSQL cannot store, is a client error everywhere (never 500)."""

from __future__ import annotations

import pytest

from repertoire.models import ScoreAnnotation

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/repertoire/a%00b",
        "/api/repertoire/a%00b/stats",
        "/api/goals/a%00b",
        "/api/annotations/a%00b",
    ],
)
def test_an_id_with_nul_names_nothing(auth_client, path):
    assert auth_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path, field",
    [
        ("/api/goals?scoreId=a%00b", "scoreId"),
        ("/api/annotations?scoreId=a%00b", "scoreId"),
        ("/api/autocomplete/composers?q=ab%00", "q"),
        ("/api/autocomplete/pieces?q=ab&composer=x%00", "composer"),
    ],
)
def test_a_query_filter_with_nul_is_a_400(auth_client, path, field):
    response = auth_client.get(path)
    assert response.status_code == 400 and field in response.json()["error"]["details"]


def test_annotation_data_with_nul_is_a_400_and_not_stored(auth_client):
    body = {
        "scoreId": "a-b",
        "pageNumber": 1,
        "annotationType": "text",
        "annotationData": {"text": "a\u0000b"},
    }
    response = auth_client.post("/api/annotations", body)
    assert response.status_code == 400
    assert "annotationData" in response.json()["error"]["details"]
    assert not ScoreAnnotation.objects.exists()
