"""Legacy repertoire and pieces (the client's calls §7): the whole list with epoch-ms times, the
upsert POST, PUT edits, DELETE and DELETE .../dissociate, and the rename at pieces/update-name."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from repertoire.models import RepertoireStatusChange, UserRepertoire
from tests.accounts.factories import UserFactory
from tests.legacy.main_support import API, assert_legacy_error
from tests.repertoire.factories import LogbookEntryFactory, RepertoireFactory, entry_data
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])

REPERTOIRE, RENAME = f"{API}/repertoire", f"{API}/pieces/update-name"
SLASHED = "1/2 sonata-anon"  # a free id made from a title with a "/"
JAN_6_10H_MS = 1736157600000  # 2025-01-06T10:00:00Z


def _item_url(score_id: str, suffix: str = "") -> str:
    # As the client builds it: encodeURIComponent(scoreId).
    return f"{REPERTOIRE}/{quote(score_id, safe='')}{suffix}"


def _item(user, score_id: str) -> UserRepertoire:
    return UserRepertoire.objects.get(user=user, score_id=score_id)


# --- list ------------------------------------------------------------------------------------


def test_the_list_is_every_item_under_items_past_our_page_size(auth_client):
    RepertoireFactory.create_batch(101, user=auth_client.user)
    RepertoireFactory(user=UserFactory())
    response = auth_client.get(REPERTOIRE)
    assert response.status_code == 200
    assert set(response.json()) == {"items"} and len(response.json()["items"]) == 101


def test_listed_items_carry_practice_stats_and_epoch_ms_times(auth_client):
    user = auth_client.user
    item = RepertoireFactory(user=user, score_id="lagrima-tarrega", status="learning")
    piece = {"id": "lagrima-tarrega", "title": "Lagrima", "composer": "Tarrega"}
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[piece]))
    [body] = auth_client.get(REPERTOIRE).json()["items"]
    assert (body["scoreId"], body["status"], body["practiceCount"]) == (
        "lagrima-tarrega",
        "learning",
        1,
    )
    assert body["lastPracticed"] == body["firstPracticed"] == JAN_6_10H_MS
    assert body["createdAt"] == pytest.approx(item.created_at.timestamp() * 1000, abs=1)
    assert isinstance(body["updatedAt"], int) and body["totalPracticeTime"] == 30


def test_an_unpractised_item_has_no_last_practice(auth_client):
    RepertoireFactory(user=auth_client.user)
    [body] = auth_client.get(REPERTOIRE).json()["items"]
    assert body["lastPracticed"] is None and body["practiceCount"] == 0


def test_the_repertoire_needs_a_token(api_client):
    assert_legacy_error(api_client.get(REPERTOIRE), 401)
    assert_legacy_error(api_client.post(REPERTOIRE, {"scoreId": "a-b"}), 401)


# --- add (upsert) ----------------------------------------------------------------------------


def test_adding_a_piece_answers_the_item_with_201(auth_client):
    response = auth_client.post(
        REPERTOIRE, {"scoreId": "Clair de Lune-Debussy", "status": "learning"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["scoreId"], body["status"]) == ("clair de lune-debussy", "learning")
    assert isinstance(body["createdAt"], int)
    assert body["statusHistory"][0]["toStatus"] == "learning"
    assert isinstance(body["statusHistory"][0]["changedAt"], int)


def test_adding_a_piece_already_there_applies_the_given_fields(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="clair de lune-debussy", personal_notes="keep me")
    body = {"scoreId": "clair de lune-debussy", "status": "polished", "difficultyRating": 4}
    response = auth_client.post(REPERTOIRE, body)
    assert response.status_code == 201
    assert response.json()["status"] == "polished"
    item = _item(user, "clair de lune-debussy")
    assert (item.status, item.difficulty_rating, item.personal_notes) == (
        "polished",
        4,
        "keep me",  # fields the body leaves out are not overwritten (the original nulled them)
    )
    assert RepertoireStatusChange.objects.filter(item=item, to_status="polished").exists()
    assert UserRepertoire.objects.filter(user=user).count() == 1


def test_a_private_catalogue_score_of_someone_else_is_a_legacy_404(auth_client):
    score = ScoreFactory(user_id=UserFactory().pk, visibility="private")
    assert_legacy_error(auth_client.post(REPERTOIRE, {"scoreId": score.pk}), 404)
    assert not UserRepertoire.objects.exists()


def test_bad_repertoire_fields_are_a_legacy_400(auth_client):
    for body in (
        {"scoreId": "a-b", "status": "mastered"},
        {"scoreId": "a-b", "difficultyRating": 4.5},
        {"scoreId": "a-b", "referenceLinks": ["not a url"]},
        {"status": "learning"},
    ):
        assert_legacy_error(auth_client.post(REPERTOIRE, body), 400)
    assert not UserRepertoire.objects.exists()


# --- update, remove --------------------------------------------------------------------------


def test_put_updates_an_item_whose_id_holds_a_slash(auth_client):
    RepertoireFactory(user=auth_client.user, score_id=SLASHED)
    response = auth_client.put(_item_url(SLASHED), {"status": "learning", "personalNotes": "hi"})
    assert response.status_code == 200
    assert response.json() == {"message": "Repertoire updated successfully"}
    item = _item(auth_client.user, SLASHED)
    assert (item.status, item.personal_notes) == ("learning", "hi")


def test_an_empty_put_says_there_was_nothing_to_update(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b")
    assert auth_client.put(_item_url("a-b"), {}).json() == {"message": "No fields to update"}


def test_a_bad_put_is_a_legacy_400(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b", status="planned")
    assert_legacy_error(auth_client.put(_item_url("a-b"), {"difficultyRating": 9}), 400)
    assert _item(auth_client.user, "a-b").difficulty_rating is None


def test_delete_removes_the_item_and_a_missing_one_is_a_legacy_404(auth_client):
    RepertoireFactory(user=auth_client.user, score_id=SLASHED)
    response = auth_client.delete(_item_url(SLASHED))
    assert response.status_code == 200 and response.json() == {"message": "Removed from repertoire"}
    assert not UserRepertoire.objects.exists()
    assert_legacy_error(auth_client.delete(_item_url(SLASHED)), 404)


def test_another_users_piece_is_a_legacy_404_everywhere(auth_client):
    RepertoireFactory(user=UserFactory(), score_id="a-b", status="planned")
    assert_legacy_error(auth_client.put(_item_url("a-b"), {"status": "dropped"}), 404)
    assert_legacy_error(auth_client.delete(_item_url("a-b")), 404)
    assert_legacy_error(auth_client.delete(_item_url("a-b", "/dissociate")), 404)
    assert_legacy_error(auth_client.get(_item_url("a-b", "/stats")), 404)
    assert UserRepertoire.objects.get().status == "planned"


# --- dissociate, stats, rename ---------------------------------------------------------------


def test_dissociate_is_a_delete_that_keeps_the_entries(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="score_abc")
    piece = {"id": "score_abc", "title": "Lágrima", "composer": "Francisco Tárrega"}
    entry = LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[piece])
    )
    response = auth_client.delete(_item_url("score_abc", "/dissociate"))
    assert response.status_code == 200
    assert response.json() == {
        "message": "Piece dissociated from repertoire",
        "preservedLogs": 1,
        "pieceTitle": "Lágrima",
        "pieceComposer": "Francisco Tárrega",
    }
    entry.refresh_from_db()
    assert "id" not in entry.data["pieces"][0] and not UserRepertoire.objects.exists()


def test_dissociate_by_post_is_not_the_legacy_route(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b")
    assert_legacy_error(auth_client.post(_item_url("a-b", "/dissociate")), 405)
    assert UserRepertoire.objects.exists()


def test_stats_use_epoch_ms(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="a-b")
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", scoreId="a-b"))
    body = auth_client.get(_item_url("a-b", "/stats")).json()
    assert body["repertoire"]["scoreId"] == "a-b"
    assert body["stats"]["lastPracticed"] == JAN_6_10H_MS
    assert body["stats"]["recentSessions"][0]["timestamp"] == JAN_6_10H_MS


def test_rename_answers_the_original_shape(auth_client):
    user = auth_client.user
    piece = {"title": "Moonlight Sonata", "composer": "Beethoven"}
    entry = LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[piece])
    )
    body = {
        "oldPiece": {"title": "Moonlight Sonata", "composer": "Beethoven"},
        "newPiece": {"title": "Sonata No. 14", "composer": "Beethoven"},
    }
    response = auth_client.put(RENAME, body)
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "updatedCount": 1,
        "message": "Updated 1 entries",
        "repertoireUpdated": False,
    }
    entry.refresh_from_db()
    assert entry.data["pieces"][0]["title"] == "Sonata No. 14"


def test_a_rename_without_a_new_title_is_a_legacy_400(auth_client):
    body = {"oldPiece": {"title": "A"}, "newPiece": {"composer": "B"}}
    assert assert_legacy_error(auth_client.put(RENAME, body), 400)["error"].startswith("newPiece")
