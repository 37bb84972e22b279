"""PUT /api/pieces/rename: a piece renamed across the caller's live logbook, as new versions."""

from __future__ import annotations

import pytest

from repertoire.models import Goal, UserRepertoire
from sync.models import SyncData, SyncMetadata
from tests.repertoire.factories import (
    GoalFactory,
    LogbookEntryFactory,
    RepertoireFactory,
    entry_data,
)

pytestmark = pytest.mark.django_db(databases=["default"])

SONATA = {"id": "moonlight sonata-beethoven", "title": "Moonlight Sonata", "composer": "Beethoven"}
RENAME = {
    "oldPiece": {"title": "moonlight  sonata", "composer": "Beethoven"},
    "newPiece": {"title": "Piano Sonata No. 14", "composer": "Ludwig van Beethoven"},
}


def _entry(user, **extra):
    return LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", **extra))


def test_it_renames_matching_pieces_with_new_versions_and_feed_positions(auth_client):
    user = auth_client.user
    entry = _entry(
        user,
        pieces=[dict(SONATA), {"title": "Other", "composer": "X"}],
        scoreId="moonlight sonata-beethoven",
    )
    untouched = _entry(user, pieces=[{"title": "Other", "composer": "X"}])
    head = SyncMetadata.objects.get(user=user).last_seq
    response = auth_client.put("/api/pieces/rename", RENAME)
    assert response.status_code == 200
    assert response.json()["updatedCount"] == 1
    entry.refresh_from_db()
    new_id = "piano sonata no. 14-ludwig van beethoven"
    assert entry.data["pieces"][0] == {
        "id": new_id,
        "title": "Piano Sonata No. 14",
        "composer": "Ludwig van Beethoven",
    }
    assert entry.data["pieces"][1]["title"] == "Other"
    assert entry.data["scoreId"] == new_id and entry.data["updatedAt"]
    assert (entry.version, entry.seq) == (2, head + 1)
    untouched.refresh_from_db()
    assert untouched.version == 1


def test_a_catalogue_piece_id_is_kept_when_its_name_changes(auth_client):
    entry = _entry(auth_client.user, pieces=[{**SONATA, "id": "score_abc"}])
    auth_client.put("/api/pieces/rename", RENAME)
    entry.refresh_from_db()
    assert entry.data["pieces"][0]["id"] == "score_abc"
    assert entry.data["pieces"][0]["title"] == "Piano Sonata No. 14"


def test_the_repertoire_item_and_goals_of_the_old_free_id_follow_the_new_name(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="moonlight sonata-beethoven")
    GoalFactory(user=user, type="repertoire", score_id="moonlight sonata-beethoven")
    body = auth_client.put("/api/pieces/rename", RENAME).json()
    assert body["repertoireUpdated"] is True
    new_id = "piano sonata no. 14-ludwig van beethoven"
    assert UserRepertoire.objects.get(user=user).score_id == new_id
    assert Goal.objects.get(user=user).score_id == new_id


def test_renaming_again_changes_nothing(auth_client):
    _entry(auth_client.user, pieces=[dict(SONATA)])
    auth_client.put("/api/pieces/rename", RENAME)
    head = SyncMetadata.objects.get(user=auth_client.user).last_seq
    assert auth_client.put("/api/pieces/rename", RENAME).json()["updatedCount"] == 0
    assert SyncMetadata.objects.get(user=auth_client.user).last_seq == head


def test_deleted_entries_and_other_users_entries_are_left_alone(auth_client):
    LogbookEntryFactory(
        user=auth_client.user,
        deleted=True,
        data=entry_data(at="2025-01-06T10:00:00Z", pieces=[dict(SONATA)]),
    )
    other = _entry(RepertoireFactory().user, pieces=[dict(SONATA)])
    assert auth_client.put("/api/pieces/rename", RENAME).json()["updatedCount"] == 0
    other.refresh_from_db()
    assert other.data["pieces"][0]["title"] == "Moonlight Sonata" and other.version == 1


def test_it_rejects_a_missing_or_blank_title(auth_client):
    for body in (
        {"oldPiece": {"title": ""}, "newPiece": {"title": "x"}},
        {"oldPiece": {"title": "x"}},
    ):
        response = auth_client.put("/api/pieces/rename", body)
        assert response.status_code == 400
    assert SyncData.objects.count() == 0


def test_a_new_name_too_long_for_an_id_renames_entries_but_leaves_the_item(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="moonlight sonata-beethoven")
    _entry(user, pieces=[dict(SONATA)])
    rename = {**RENAME, "newPiece": {"title": "x" * 300, "composer": "y" * 200}}
    body = auth_client.put("/api/pieces/rename", rename).json()
    assert (body["updatedCount"], body["repertoireUpdated"]) == (1, False)
    assert UserRepertoire.objects.get(user=user).score_id == "moonlight sonata-beethoven"
