"""The original client's batch and toggle calls: K14 batch add to a collection, K15 batch
delete, K18 batch score→collections, K25 batch favourite check, K26 favourite toggle. Each
is checked whole before anything changes; at most 100 ids."""

from __future__ import annotations

import pytest

from scores.models import CollectionMember, Score, ScoreFavorite
from tests.accounts.factories import UserFactory
from tests.legacy.scorebook_support import (
    BASE,
    DATABASES,
    _media_root,  # noqa: F401
    data_of,
    legacy_error,
)
from tests.scores.factories import ScoreFactory, UserCollectionFactory

pytestmark = pytest.mark.django_db(databases=DATABASES)
TOO_MANY = [f"id-{n}" for n in range(101)]


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def client(owner, make_auth_client):
    return make_auth_client(owner)


def members(collection) -> list[str]:
    rows = CollectionMember.objects.filter(user_collection=collection).order_by("display_order")
    return list(rows.values_list("score_id", flat=True))


# --- K14 ----------------------------------------------------------------------------------------


def test_batch_add_counts_added_and_skipped_at_the_top(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    first, second = ScoreFactory(), ScoreFactory()
    url = f"{BASE}/user/collections/{collection.id}/scores"
    client.post(url, {"scoreId": first.id}, format="json")
    body = client.post(f"{url}/batch", {"scoreIds": [first.id, second.id]}, format="json").json()
    assert (body["success"], body["addedCount"], body["skippedCount"]) == (True, 1, 1)
    assert members(collection) == [first.id, second.id]


def test_batch_add_with_another_users_private_score_adds_nothing(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    public = ScoreFactory()
    private = ScoreFactory(visibility="private", user_id="someone-else")
    url = f"{BASE}/user/collections/{collection.id}/scores/batch"
    message = legacy_error(client.post(url, {"scoreIds": [public.id, private.id]}), 404)
    assert private.id in message
    assert members(collection) == []


def test_batch_add_to_another_users_collection_is_a_404(client):
    theirs = UserCollectionFactory(user_id="someone-else", visibility="public")
    url = f"{BASE}/user/collections/{theirs.id}/scores/batch"
    legacy_error(client.post(url, {"scoreIds": [ScoreFactory().id]}, format="json"), 404)
    assert members(theirs) == []


def test_batch_add_takes_at_most_100_ids(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    url = f"{BASE}/user/collections/{collection.id}/scores/batch"
    legacy_error(client.post(url, {"scoreIds": TOO_MANY}, format="json"), 400)


@pytest.mark.parametrize("body", [{}, {"scoreIds": "one"}, {"scoreIds": [{"id": 1}]}])
def test_a_bad_batch_body_is_the_original_400(client, owner, body):
    collection = UserCollectionFactory(user_id=owner.pk)
    url = f"{BASE}/user/collections/{collection.id}/scores/batch"
    legacy_error(client.post(url, body, format="json"), 400)


# --- K15 ----------------------------------------------------------------------------------------


def test_batch_delete_deletes_my_scores(client, owner):
    mine = [ScoreFactory(visibility="private", user_id=owner.pk) for _ in range(2)]
    body = client.post(f"{BASE}/scores/batch/delete", {"scoreIds": [s.id for s in mine]}).json()
    assert (body["success"], body["deletedCount"]) == (True, 2)
    assert not Score.objects.filter(pk__in=[s.id for s in mine]).exists()


def test_batch_delete_of_a_visible_score_that_is_not_mine_is_a_403_and_deletes_nothing(
    client, owner
):
    mine = ScoreFactory(visibility="private", user_id=owner.pk)
    catalogue = ScoreFactory()
    response = client.post(f"{BASE}/scores/batch/delete", {"scoreIds": [mine.id, catalogue.id]})
    legacy_error(response, 403)
    assert Score.objects.filter(pk__in=[mine.id, catalogue.id]).count() == 2


def test_batch_delete_of_another_users_private_score_is_a_404_and_deletes_nothing(client, owner):
    mine = ScoreFactory(visibility="private", user_id=owner.pk)
    theirs = ScoreFactory(visibility="private", user_id="someone-else")
    response = client.post(f"{BASE}/scores/batch/delete", {"scoreIds": [mine.id, theirs.id]})
    legacy_error(response, 404)
    assert Score.objects.filter(pk__in=[mine.id, theirs.id]).count() == 2


def test_batch_delete_takes_at_most_100_ids(client):
    legacy_error(client.post(f"{BASE}/scores/batch/delete", {"scoreIds": TOO_MANY}), 400)


def test_batch_delete_needs_a_signed_in_user(api_client):
    score = ScoreFactory(visibility="private", user_id="someone")
    legacy_error(api_client.post(f"{BASE}/scores/batch/delete", {"scoreIds": [score.id]}), 401)
    assert Score.objects.filter(pk=score.pk).exists()


# --- K18 ----------------------------------------------------------------------------------------


def test_batch_score_collections_answers_every_id_asked(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk, name="Recital")
    held, loose = ScoreFactory(), ScoreFactory()
    private = ScoreFactory(visibility="private", user_id="someone-else")
    client.post(f"{BASE}/user/collections/{collection.id}/scores", {"scoreId": held.id})
    ids = [held.id, loose.id, private.id, "no-such-score"]
    url = f"{BASE}/user/collections/batch/score-collections"
    data = data_of(client.post(url, {"scoreIds": ids}, format="json"))
    assert data == {
        held.id: [{"id": collection.id, "name": "Recital"}],
        loose.id: [],
        private.id: [],
        "no-such-score": [],
    }


def test_batch_score_collections_takes_at_most_100_ids(client):
    url = f"{BASE}/user/collections/batch/score-collections"
    legacy_error(client.post(url, {"scoreIds": TOO_MANY}, format="json"), 400)


# --- K25, K26 -----------------------------------------------------------------------------------


def test_batch_favourite_check_is_an_object_of_booleans(client, owner):
    liked, other = ScoreFactory(), ScoreFactory()
    ScoreFavorite.objects.create(user_id=owner.pk, score=liked)
    url = f"{BASE}/user/favorites/batch/check"
    data = data_of(client.post(url, {"scoreIds": [liked.id, other.id]}, format="json"))
    assert data == {liked.id: True, other.id: False}


def test_batch_favourite_check_takes_at_most_100_ids(client):
    url = f"{BASE}/user/favorites/batch/check"
    legacy_error(client.post(url, {"scoreIds": TOO_MANY}, format="json"), 400)


def test_toggle_adds_then_removes_a_favourite(client, owner):
    score = ScoreFactory()
    url = f"{BASE}/user/favorites/{score.id}/toggle"
    assert data_of(client.post(url)) == {"isFavorited": True}
    assert ScoreFavorite.objects.filter(user_id=owner.pk, score=score).exists()
    assert data_of(client.post(url)) == {"isFavorited": False}
    assert not ScoreFavorite.objects.exists()


def test_toggling_another_users_private_score_is_a_404(client):
    private = ScoreFactory(visibility="private", user_id="someone-else")
    legacy_error(client.post(f"{BASE}/user/favorites/{private.id}/toggle"), 404)
    assert not ScoreFavorite.objects.exists()


def test_toggling_needs_a_signed_in_user(api_client):
    legacy_error(api_client.post(f"{BASE}/user/favorites/{ScoreFactory().id}/toggle"), 401)
