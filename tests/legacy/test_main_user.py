"""Legacy preferences (the client's calls §3) and autocomplete (§4)."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory
from tests.legacy.main_support import API, assert_legacy_error
from tests.repertoire.factories import LogbookEntryFactory, entry_data
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])

PREFERENCES = f"{API}/user/preferences"
COMPOSERS, PIECES = f"{API}/autocomplete/composers", f"{API}/autocomplete/pieces"
PRESETS = {
    "metronomePresets": {
        "p1": {"id": "p1", "name": "Slow", "bpm": 60, "beatsPerMeasure": 4, "beatValue": 4}
    }
}


def _stored(user) -> SyncData:
    return SyncData.objects.get(user=user, entity_type="user_preferences", entity_id=user.pk)


# --- preferences -----------------------------------------------------------------------------


def test_preferences_are_an_empty_object_at_first(auth_client):
    response = auth_client.get(PREFERENCES)
    assert response.status_code == 200 and response.json() == {}


def test_put_replaces_the_object_verbatim_and_answers_the_original_shape(auth_client):
    auth_client.put(PREFERENCES, {"theme": "dark"})
    response = auth_client.put(PREFERENCES, PRESETS, HTTP_X_DEVICE_ID="dev_abc")
    assert response.status_code == 200
    assert response.json() == {"success": True, "preferences": PRESETS}
    row = _stored(auth_client.user)
    assert row.data == PRESETS and row.device_id == "dev_abc" and row.version == 2
    assert auth_client.get(PREFERENCES).json() == PRESETS


def test_bad_preferences_are_a_legacy_400_and_nothing_changes(auth_client):
    auth_client.put(PREFERENCES, {"theme": "light"})
    body = assert_legacy_error(auth_client.put(PREFERENCES, {"theme": "purple"}), 400)
    assert body["error"].startswith("theme:")
    assert _stored(auth_client.user).data == {"theme": "light"}


def test_preferences_of_another_user_are_never_seen(auth_client, make_auth_client):
    make_auth_client(UserFactory()).put(PREFERENCES, {"theme": "dark"})
    assert auth_client.get(PREFERENCES).json() == {}


def test_preferences_need_a_token(api_client):
    assert_legacy_error(api_client.get(PREFERENCES), 401)
    assert_legacy_error(api_client.put(PREFERENCES, {"theme": "dark"}), 401)


# --- autocomplete ----------------------------------------------------------------------------


def _log(user, title: str, composer: str) -> None:
    piece = {"title": title, "composer": composer}
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[piece]))


def test_anonymous_composer_search_gets_catalogue_names_only(api_client):
    ScoreFactory(composer="Fernando Sor")
    _log(UserFactory(), "Secret", "Sorabji")
    response = api_client.get(COMPOSERS, {"q": "sor", "limit": 10})
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"value": "Fernando Sor", "label": "Fernando Sor"}],
        "total": 1,
    }


def test_a_bad_token_is_anonymous_not_a_401(api_client):
    ScoreFactory(title="Study in B minor", composer="Fernando Sor")
    response = api_client.get(PIECES, {"q": "study"}, **bearer("expired.or.forged"))
    assert response.status_code == 200
    assert [r["value"] for r in response.json()["results"]] == ["Study in B minor"]


def test_a_signed_in_caller_also_gets_their_logbook(auth_client):
    _log(auth_client.user, "Lagrima", "Francisco Tárrega")
    ScoreFactory(title="Lagrimas", composer="Fernando Sor")
    body = auth_client.get(PIECES, {"q": "lagrim"}).json()
    by_title = {r["value"]: r for r in body["results"]}
    assert set(by_title) == {"Lagrima", "Lagrimas"} and body["total"] == 2
    metadata = by_title["Lagrimas"]["metadata"]
    assert metadata["composer"] == "Fernando Sor" and metadata["source"] == "catalogue"
    assert {"scoreId", "gradeLevel", "instrument"} <= metadata.keys()


def test_pieces_can_be_limited_to_a_composer(api_client):
    ScoreFactory(title="Study A", composer="Fernando Sor")
    ScoreFactory(title="Study B", composer="Mauro Giuliani")
    body = api_client.get(PIECES, {"q": "study", "composer": "Giuliani"}).json()
    assert [r["value"] for r in body["results"]] == ["Study B"]


def test_private_scores_are_never_suggested_to_anyone_else(api_client):
    owner = UserFactory()
    ScoreFactory(title="Hidden Study", user_id=owner.pk, visibility="private")
    assert api_client.get(PIECES, {"q": "hidden"}).json() == {"results": [], "total": 0}


def test_a_bad_limit_is_a_legacy_400(api_client):
    assert_legacy_error(api_client.get(COMPOSERS, {"q": "sor", "limit": "many"}), 400)
