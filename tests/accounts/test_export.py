from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from allauth.socialaccount.models import SocialAccount
from django.utils import timezone

from accounts.models import LoginToken
from accounts.services import tokens_issue
from accounts.userdata import UserDataPart
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])

URL = "/api/user/me/export"


def _document(response) -> dict:
    assert response.status_code == 200
    assert response.streaming
    return orjson.loads(b"".join(response.streaming_content))


def test_the_export_holds_what_the_service_stores_about_the_user(auth_client):
    user = auth_client.user
    LoginToken.objects.create(
        email=user.email, token_hash="a" * 64, expires_at=timezone.now() + timedelta(minutes=5)
    )
    SocialAccount.objects.create(user=user, provider="google", uid="g-1", extra_data={"k": 1})
    response = auth_client.get(URL)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="mirubato-export-')
    document = _document(response)
    assert document["format"] == "mirubato-export/1" and document["userId"] == user.pk
    accounts = document["parts"]["accounts"]
    assert accounts["profile"][0]["email"] == user.email
    assert accounts["profile"][0]["displayName"] == user.display_name
    assert len(accounts["loginSessions"]) == 1
    assert set(accounts["loginSessions"][0]) == {"createdAt", "expireDate"}
    assert accounts["loginTokens"][0]["usedAt"] is None
    assert "tokenHash" not in accounts["loginTokens"][0]
    assert accounts["socialAccounts"][0]["uid"] == "g-1"
    assert accounts["socialAccounts"][0]["extraData"] == {"k": 1}


def test_the_export_includes_every_registered_part_with_client_json_verbatim(
    auth_client, user_data_registry
):
    stored = {"snake_key": 1, "camelKey": {"nested_key": [1, 2]}}

    def export(user):
        yield "sync_entities", ({"entity_type": "logbook_entry", "data": stored} for _ in [0])

    user_data_registry["demo"] = UserDataPart("demo", "default", export, lambda user: {})
    document = _document(auth_client.get(URL))
    assert document["parts"]["demo"] == {
        "syncEntities": [{"entityType": "logbook_entry", "data": stored}]
    }


def test_the_export_streams_rows_lazily_after_the_response_starts(auth_client, user_data_registry):
    consumed: list[int] = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield {"n": n}

    user_data_registry["lazy"] = UserDataPart(
        "lazy", "default", lambda user: iter([("rows", rows())]), lambda user: {}
    )
    response = auth_client.get(URL)
    assert consumed == []  # nothing read until the body is sent
    assert _document(response)["parts"]["lazy"] == {"rows": [{"n": 0}, {"n": 1}, {"n": 2}]}
    assert consumed == [0, 1, 2]


def test_the_export_never_contains_another_users_data(auth_client):
    other = UserFactory(email="other@example.com")
    tokens_issue(user=other)
    LoginToken.objects.create(
        email=other.email, token_hash="b" * 64, expires_at=timezone.now() + timedelta(minutes=5)
    )
    entity_write(user=other, entity_type="logbook_entry", entity_id="e1", data={})
    body = b"".join(auth_client.get(URL).streaming_content)
    assert b"other@example.com" not in body and other.pk.encode() not in body
    assert len(orjson.loads(body)["parts"]["accounts"]["loginSessions"]) == 1


def test_the_export_needs_a_token(api_client):
    assert api_client.get(URL).status_code == 401


def test_the_export_carries_synced_entities_with_their_client_json_verbatim(auth_client):
    preferences = {"theme": "dark", "metronomePresets": {"p1": {"beat_value": 4}}}
    assert auth_client.put("/api/user/preferences", preferences).status_code == 200
    document = _document(auth_client.get(URL))
    (entity,) = document["parts"]["sync"]["syncEntities"]
    assert entity["entityType"] == "user_preferences"
    assert entity["entityId"] == auth_client.user.pk
    assert entity["data"] == preferences
