"""Curated collections (public) and user collections: membership, order, visibility."""

from __future__ import annotations

import pytest

from scores.models import CollectionMember, UserCollection
from tests.accounts.factories import UserFactory
from tests.scores.factories import CollectionFactory, CollectionMemberFactory, ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def test_curated_collections_list_with_a_featured_filter(api_client):
    featured = CollectionFactory(is_featured=True, display_order=2)
    CollectionFactory(is_featured=False)
    body = api_client.get("/api/collections", {"featured": "true"}).json()
    assert [item["slug"] for item in body["items"]] == [featured.slug]
    assert api_client.get("/api/collections").json()["total"] == 2


def test_a_curated_collection_shows_its_visible_scores_in_display_order(api_client):
    collection = CollectionFactory()
    second, first = ScoreFactory(), ScoreFactory()
    hidden = ScoreFactory(visibility="private", user_id="someone")
    for position, score in enumerate([first, hidden, second]):
        CollectionMemberFactory(collection=collection, score=score, display_order=position)
    body = api_client.get(f"/api/collections/{collection.slug}").json()
    assert [s["id"] for s in body["scores"]] == [first.id, second.id]
    assert body["scoreIds"] == [first.id, second.id] and body["scoreCount"] == 2


def test_an_unknown_curated_slug_is_a_404(api_client):
    assert api_client.get("/api/collections/nope").status_code == 404


def test_a_default_collection_is_created_on_first_use_once(auth_client):
    first = auth_client.get("/api/user/collections").json()
    auth_client.get("/api/user/collections")
    [default] = first["items"]
    assert default["isDefault"] is True and default["slug"] == "general"
    assert UserCollection.objects.filter(user_id=auth_client.user.pk).count() == 1


def test_the_default_collection_cannot_be_deleted(auth_client):
    default = auth_client.get("/api/user/collections").json()["items"][0]
    response = auth_client.delete(f"/api/user/collections/{default['id']}")
    assert response.status_code == 409
    assert UserCollection.objects.filter(pk=default["id"]).exists()


def test_creating_collections_with_unique_slugs_per_user(auth_client, make_auth_client):
    created = auth_client.post(
        "/api/user/collections", {"name": "Recital Prep", "visibility": "unlisted"}
    )
    assert created.status_code == 201
    assert created.json()["slug"] == "recital-prep" and created.json()["visibility"] == "unlisted"
    assert auth_client.post("/api/user/collections", {"name": "Recital prep"}).status_code == 409
    other = make_auth_client(UserFactory())
    assert other.post("/api/user/collections", {"name": "Recital Prep"}).status_code == 201
    assert auth_client.post("/api/user/collections", {"description": "no name"}).status_code == 400


def test_renaming_and_deleting_a_collection(auth_client):
    created = auth_client.post("/api/user/collections", {"name": "Old"}).json()
    renamed = auth_client.patch(f"/api/user/collections/{created['id']}", {"name": "New name"})
    assert renamed.json()["slug"] == "new-name"
    assert auth_client.delete(f"/api/user/collections/{created['id']}").status_code == 204
    assert not UserCollection.objects.filter(pk=created["id"]).exists()


def new_collection(client, name="Practice"):
    return client.post("/api/user/collections", {"name": name}).json()["id"]


def test_adding_scores_keeps_order_and_derives_score_ids(auth_client):
    cid = new_collection(auth_client)
    a, b, c = (
        ScoreFactory(),
        ScoreFactory(),
        ScoreFactory(user_id=auth_client.user.pk, visibility="private"),
    )
    auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": a.id})
    auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": b.id})
    body = auth_client.post(
        f"/api/user/collections/{cid}/scores", {"scoreId": c.id, "position": 0}
    ).json()
    assert body["scoreIds"] == [c.id, a.id, b.id]
    assert [s["id"] for s in body["scores"]] == [c.id, a.id, b.id]
    assert UserCollection.objects.get(pk=cid).score_ids == [c.id, a.id, b.id]
    members = CollectionMember.objects.filter(user_collection_id=cid).order_by("display_order")
    assert list(members.values_list("display_order", flat=True)) == [0, 1, 2]


def test_adding_the_same_score_twice_is_a_409(auth_client):
    cid, score = new_collection(auth_client), ScoreFactory()
    auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id})
    assert (
        auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id}).status_code
        == 409
    )


def test_another_users_private_score_cannot_be_added(auth_client):
    cid = new_collection(auth_client)
    private = ScoreFactory(visibility="private", user_id="someone-else")
    response = auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": private.id})
    assert response.status_code == 404
    assert not CollectionMember.objects.filter(user_collection_id=cid).exists()


def test_removing_and_reordering(auth_client):
    cid = new_collection(auth_client)
    a, b, c = ScoreFactory(), ScoreFactory(), ScoreFactory()
    for score in (a, b, c):
        auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id})
    order = auth_client.put(f"/api/user/collections/{cid}/order", {"scoreIds": [c.id, a.id, b.id]})
    assert order.json()["scoreIds"] == [c.id, a.id, b.id]
    assert auth_client.delete(f"/api/user/collections/{cid}/scores/{a.id}").status_code == 204
    assert auth_client.delete(f"/api/user/collections/{cid}/scores/{a.id}").status_code == 204
    assert UserCollection.objects.get(pk=cid).score_ids == [c.id, b.id]


def test_an_order_that_is_not_a_permutation_is_a_400(auth_client):
    cid, score = new_collection(auth_client), ScoreFactory()
    auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id})
    for bad in ([], [score.id, score.id], ["other"]):
        assert (
            auth_client.put(f"/api/user/collections/{cid}/order", {"scoreIds": bad}).status_code
            == 400
        )


def test_another_users_private_collection_is_a_404_for_every_operation(
    auth_client, make_auth_client
):
    cid, score = new_collection(auth_client), ScoreFactory()
    other = make_auth_client(UserFactory())
    assert other.get(f"/api/user/collections/{cid}").status_code == 404
    assert other.patch(f"/api/user/collections/{cid}", {"name": "x"}).status_code == 404
    assert other.delete(f"/api/user/collections/{cid}").status_code == 404
    assert (
        other.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id}).status_code == 404
    )
    assert other.put(f"/api/user/collections/{cid}/order", {"scoreIds": []}).status_code == 404


def test_a_public_collection_shows_others_only_the_scores_they_may_see(auth_client, api_client):
    cid = auth_client.post(
        "/api/user/collections", {"name": "Shared", "visibility": "public"}
    ).json()["id"]
    public = ScoreFactory()
    private = ScoreFactory(user_id=auth_client.user.pk, visibility="private")
    for score in (public, private):
        auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id})
    body = api_client.get(f"/api/user/collections/{cid}").json()
    assert body["scoreIds"] == [public.id] and body["isOwner"] is False
    assert len(auth_client.get(f"/api/user/collections/{cid}").json()["scoreIds"]) == 2


def test_a_score_lists_the_callers_collections_holding_it(auth_client, make_auth_client):
    cid, score = new_collection(auth_client), ScoreFactory()
    auth_client.post(f"/api/user/collections/{cid}/scores", {"scoreId": score.id})
    other = make_auth_client(UserFactory())
    other_cid = new_collection(other)
    other.post(f"/api/user/collections/{other_cid}/scores", {"scoreId": score.id})
    assert [c["id"] for c in auth_client.get(f"/api/scores/{score.id}/collections").json()] == [cid]


def test_user_collections_need_a_signed_in_user(api_client):
    assert api_client.get("/api/user/collections").status_code == 401
    assert api_client.post("/api/user/collections", {"name": "x"}).status_code == 401
