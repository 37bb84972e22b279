"""An entry id holding a NUL character names nothing: a JSON 404, never a database error
(PostgreSQL refuses NUL in a query, so these guard the PostgreSQL run)."""

from __future__ import annotations

import pytest

from dictionary.models import UserFeedback
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


@pytest.mark.parametrize(
    "url", ["/api/dictionary/terms/id/a%00b", "/api/dictionary/terms/a%00b/related"]
)
def test_reading_an_entry_id_holding_a_nul_is_a_json_404(api_client, url):
    EntryFactory()

    response = api_client.get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_feedback_on_an_entry_id_holding_a_nul_is_a_404_that_stores_nothing(auth_client):
    EntryFactory()

    response = auth_client.post(
        "/api/dictionary/terms/a%00b/feedback", {"rating": 4}, format="json"
    )

    assert response.status_code == 404
    assert not UserFeedback.objects.exists()
