"""POST /api/repertoire/{scoreId}/dissociate: the item goes, entries stay but are unlinked."""

from __future__ import annotations

import pytest

from repertoire.models import UserRepertoire
from sync.models import SyncMetadata
from tests.repertoire.factories import LogbookEntryFactory, RepertoireFactory, entry_data

pytestmark = pytest.mark.django_db(databases=["default"])

PIECE = {"id": "score_abc", "title": "Lágrima", "composer": "Francisco Tárrega"}


def test_it_removes_the_item_and_unlinks_entries_keeping_title_and_composer(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="score_abc")
    by_piece = LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[dict(PIECE)])
    )
    by_score = LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-07T10:00:00Z", scoreId="score_abc")
    )
    checksums = (by_piece.checksum, by_score.checksum)
    head = SyncMetadata.objects.get(user=user).last_seq
    response = auth_client.post("/api/repertoire/score_abc/dissociate")
    assert response.status_code == 200
    assert response.json() == {
        "preservedLogs": 2,
        "pieceTitle": "Lágrima",
        "pieceComposer": "Francisco Tárrega",
    }
    assert not UserRepertoire.objects.filter(user=user).exists()
    by_piece.refresh_from_db()
    by_score.refresh_from_db()
    assert by_piece.data["pieces"] == [{"title": "Lágrima", "composer": "Francisco Tárrega"}]
    assert "scoreId" not in by_score.data
    assert by_score.data["pieces"] == [{"title": "Lágrima", "composer": "Francisco Tárrega"}]
    assert (by_piece.version, by_score.version) == (2, 2)
    # New feed positions, so every other device pulls the unlinked entries.
    assert {by_piece.seq, by_score.seq} == {head + 1, head + 2}
    assert SyncMetadata.objects.get(user=user).last_seq == head + 2
    assert by_piece.checksum != checksums[0] and by_score.checksum != checksums[1]


def test_unlinked_entries_no_longer_count_in_statistics(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="score_abc")
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[dict(PIECE)]))
    auth_client.post("/api/repertoire/score_abc/dissociate")
    RepertoireFactory(user=user, score_id="score_abc")
    assert auth_client.get("/api/repertoire/score_abc").json()["practiceCount"] == 0


def test_a_free_id_without_entries_gives_its_name_from_the_id(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="etude||op-10-chopin")
    body = auth_client.post("/api/repertoire/etude||op-10-chopin/dissociate").json()
    assert body == {"preservedLogs": 0, "pieceTitle": "etude", "pieceComposer": "op-10-chopin"}


def test_another_users_item_is_a_404_and_their_entries_are_untouched(auth_client):
    other = RepertoireFactory(score_id="score_abc").user
    entry = LogbookEntryFactory(
        user=other, data=entry_data(at="2025-01-06T10:00:00Z", pieces=[dict(PIECE)])
    )
    assert auth_client.post("/api/repertoire/score_abc/dissociate").status_code == 404
    entry.refresh_from_db()
    assert entry.version == 1 and UserRepertoire.objects.filter(user=other).exists()
