"""The original client's collections (K3-K5 curated, K7-K13 the caller's, K16 shared, K17
a score's collections) in its shapes: arrays, camelCase collections with `is_default`,
snake_case scores inside, another user's collections and private scores a 404 or absent."""

from __future__ import annotations

import pytest

from scores.models import CollectionMember, UserCollection
from tests.accounts.factories import UserFactory
from tests.legacy.scorebook_support import (
    BASE,
    DATABASES,
    _media_root,  # noqa: F401
    data_of,
    legacy_error,
    with_token,
)
from tests.scores.factories import (
    CollectionFactory,
    CollectionMemberFactory,
    ScoreFactory,
    UserCollectionFactory,
)

pytestmark = pytest.mark.django_db(databases=DATABASES)


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def client(owner, make_auth_client):
    return make_auth_client(owner)


def test_curated_collections_are_an_array_of_public_admin_collections(api_client):
    collection = CollectionFactory(name="Sor studies", slug="sor", is_featured=True)
    CollectionMemberFactory(collection=collection, score=ScoreFactory())
    [item] = data_of(api_client.get(f"{BASE}/collections"))
    assert (item["slug"], item["visibility"], item["ownerType"]) == ("sor", "public", "admin")
    assert item["tags"] == ["collection:sor"]
    assert (item["scoreCount"], len(item["scoreIds"])) == (1, 1)
    assert item["createdAt"].endswith("Z")


def test_featured_true_keeps_only_featured_collections(api_client):
    CollectionFactory(slug="plain", is_featured=False)
    CollectionFactory(slug="star", is_featured=True)
    data = data_of(api_client.get(f"{BASE}/collections", {"featured": "true"}))
    assert [c["slug"] for c in data] == ["star"]


def test_every_curated_collection_comes_back_beyond_one_page(api_client):
    for n in range(105):
        CollectionFactory(slug=f"c-{n:03d}", display_order=n)
    assert len(data_of(api_client.get(f"{BASE}/collections"))) == 105


def test_a_curated_collection_by_slug_hides_private_members(api_client):
    collection = CollectionFactory(slug="mixed")
    CollectionMemberFactory(collection=collection, score=ScoreFactory(title="Shown"))
    hidden = ScoreFactory(title="Hidden", visibility="private", user_id="someone")
    CollectionMemberFactory(collection=collection, score=hidden)
    data = data_of(api_client.get(f"{BASE}/collections/mixed"))
    assert [s["title"] for s in data["scores"]] == ["Shown"]
    assert data["scoreIds"] == [s["id"] for s in data["scores"]]
    assert "difficulty_level" in data["scores"][0]


def test_an_unknown_curated_slug_is_the_original_404(api_client):
    legacy_error(api_client.get(f"{BASE}/collections/nothing-here"), 404)


def test_shared_with_me_is_always_empty(api_client, client):
    assert data_of(api_client.get(f"{BASE}/collections/shared/with-me")) == []
    assert data_of(client.get(f"{BASE}/collections/shared/with-me")) == []


def test_my_collections_start_with_the_default_general_one(client, owner):
    data = data_of(client.get(f"{BASE}/user/collections"))
    assert [(c["name"], c["is_default"]) for c in data] == [("General", True)]
    assert data[0]["ownerId"] == owner.pk and data[0]["ownerType"] == "user"
    assert UserCollection.objects.filter(user_id=owner.pk, is_default=True).count() == 1


def test_my_collections_never_show_another_users(client):
    UserCollectionFactory(user_id="someone-else", name="Theirs", visibility="public")
    assert [c["name"] for c in data_of(client.get(f"{BASE}/user/collections"))] == ["General"]


def test_my_collections_need_a_signed_in_user(api_client):
    legacy_error(api_client.get(f"{BASE}/user/collections"), 401)


def test_creating_a_collection_answers_it_wrapped(client, owner):
    body = {"name": "Recital", "description": "June", "visibility": "private", "tags": ["x"]}
    data = data_of(client.post(f"{BASE}/user/collections", body, format="json"), 201)
    assert (data["name"], data["slug"], data["is_default"], data["tags"]) == (
        "Recital",
        "recital",
        False,
        ["x"],
    )
    assert UserCollection.objects.get(pk=data["id"]).user_id == owner.pk


@pytest.mark.parametrize(
    "body", [{}, {"name": "   "}, {"name": "x", "visibility": "everyone"}, ["not", "an object"]]
)
def test_a_bad_collection_is_the_original_400(client, body):
    legacy_error(client.post(f"{BASE}/user/collections", body, format="json"), 400)
    assert not UserCollection.objects.exclude(is_default=True).exists()


def test_a_duplicate_name_is_a_409(client):
    client.post(f"{BASE}/user/collections", {"name": "Recital"}, format="json")
    legacy_error(client.post(f"{BASE}/user/collections", {"name": "Recital"}, format="json"), 409)


def test_my_collection_has_snake_case_scores(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    score = ScoreFactory(title="Lagrima", difficulty_level=4)
    client.post(f"{BASE}/user/collections/{collection.id}/scores", {"scoreId": score.id})
    data = data_of(client.get(f"{BASE}/user/collections/{collection.id}"))
    assert [(s["title"], s["difficulty_level"]) for s in data["scores"]] == [("Lagrima", 4)]
    assert data["scoreIds"] == [score.id]


def test_another_users_private_collection_is_a_404(client):
    theirs = UserCollectionFactory(user_id="someone-else", visibility="private")
    legacy_error(client.get(f"{BASE}/user/collections/{theirs.id}"), 404)
    legacy_error(client.delete(f"{BASE}/user/collections/{theirs.id}"), 404)
    assert UserCollection.objects.filter(pk=theirs.pk).exists()


def test_a_public_collection_of_another_user_hides_their_private_scores(api_client):
    theirs = UserCollectionFactory(user_id="someone-else", visibility="public")
    CollectionMember.objects.create(user_collection=theirs, score=ScoreFactory(title="Shown"))
    private = ScoreFactory(title="Hidden", visibility="private", user_id="someone-else")
    CollectionMember.objects.create(user_collection=theirs, score=private)
    data = data_of(with_token(api_client, "garbage").get(f"{BASE}/user/collections/{theirs.id}"))
    assert [s["title"] for s in data["scores"]] == ["Shown"]
    assert data["scoreIds"] == [data["scores"][0]["id"]]


def test_updating_with_put_changes_what_it_sends(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk, name="Old", description="Kept")
    data = data_of(client.put(f"{BASE}/user/collections/{collection.id}", {"name": "New"}))
    assert (data["name"], data["description"]) == ("New", "Kept")


def test_deleting_my_collection(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    data_of(client.delete(f"{BASE}/user/collections/{collection.id}"))
    assert not UserCollection.objects.filter(pk=collection.pk).exists()


def test_the_default_collection_cannot_be_deleted(client, owner):
    default = data_of(client.get(f"{BASE}/user/collections"))[0]
    legacy_error(client.delete(f"{BASE}/user/collections/{default['id']}"), 409)


def test_adding_a_score_twice_is_a_success_both_times(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    score = ScoreFactory()
    url = f"{BASE}/user/collections/{collection.id}/scores"
    for _ in range(2):
        data_of(client.post(url, {"scoreId": score.id}, format="json"))
    assert CollectionMember.objects.filter(user_collection=collection).count() == 1


def test_another_users_private_score_cannot_be_added(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    private = ScoreFactory(visibility="private", user_id="someone-else")
    url = f"{BASE}/user/collections/{collection.id}/scores"
    legacy_error(client.post(url, {"scoreId": private.id}, format="json"), 404)
    assert not CollectionMember.objects.exists()


def test_adding_without_a_score_id_is_the_original_400(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    legacy_error(client.post(f"{BASE}/user/collections/{collection.id}/scores", {}), 400)


def test_removing_a_score_is_idempotent(client, owner):
    collection = UserCollectionFactory(user_id=owner.pk)
    score = ScoreFactory()
    client.post(f"{BASE}/user/collections/{collection.id}/scores", {"scoreId": score.id})
    url = f"{BASE}/user/collections/{collection.id}/scores/{score.id}"
    for _ in range(2):
        data_of(client.delete(url))
    assert not CollectionMember.objects.exists()


def test_a_scores_collections_are_the_ids_of_mine_holding_it(client, owner):
    score = ScoreFactory()
    holding, other = (
        UserCollectionFactory(user_id=owner.pk),
        UserCollectionFactory(user_id=owner.pk),
    )
    client.post(f"{BASE}/user/collections/{holding.id}/scores", {"scoreId": score.id})
    assert data_of(client.get(f"{BASE}/user/collections/score/{score.id}")) == [holding.id]
    assert other.id not in data_of(client.get(f"{BASE}/user/collections/score/{score.id}"))


def test_the_collections_of_another_users_private_score_are_a_404(client):
    private = ScoreFactory(visibility="private", user_id="someone-else")
    legacy_error(client.get(f"{BASE}/user/collections/score/{private.id}"), 404)
