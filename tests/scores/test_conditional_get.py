"""Conditional GETs on the catalogue and collections: an ETag of the body, 304 when the
client's If-None-Match names it, a new tag once what it reads has changed."""

from __future__ import annotations

import pytest

from tests.scores.factories import CollectionFactory, CollectionMemberFactory, ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def test_a_catalogue_page_carries_an_etag_and_varies_by_authorization(api_client):
    ScoreFactory()
    response = api_client.get("/api/scores")
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert "Authorization" in response["Vary"]


def test_the_same_etag_back_is_a_304_with_no_body(api_client):
    ScoreFactory()
    tag = api_client.get("/api/scores", {"limit": 5})["ETag"]
    again = api_client.get("/api/scores", {"limit": 5}, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b"" and again["ETag"] == tag


def test_a_new_score_changes_the_tag_and_answers_200(api_client):
    ScoreFactory(title="First")
    tag = api_client.get("/api/scores")["ETag"]
    ScoreFactory(title="Second")
    response = api_client.get("/api/scores", HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200
    assert response["ETag"] != tag and response.json()["total"] == 2


def test_another_query_has_another_tag(api_client):
    ScoreFactory(instrument="piano")
    ScoreFactory(instrument="guitar")
    piano = api_client.get("/api/scores", {"instrument": "piano"})["ETag"]
    guitar = api_client.get("/api/scores", {"instrument": "guitar"}, HTTP_IF_NONE_MATCH=piano)
    assert guitar.status_code == 200 and guitar["ETag"] != piano


def test_an_owners_view_of_the_catalogue_is_not_answered_with_the_anonymous_tag(
    api_client, auth_client
):
    ScoreFactory(user_id=auth_client.user.pk, visibility="private", title="Mine")
    anonymous = api_client.get("/api/scores")["ETag"]
    owner = auth_client.get("/api/scores", HTTP_IF_NONE_MATCH=anonymous)
    assert owner.status_code == 200
    assert [item["title"] for item in owner.json()["items"]] == ["Mine"]


def test_an_error_answer_carries_no_etag(api_client):
    response = api_client.get("/api/scores", {"limit": "many"})
    assert response.status_code == 400 and not response.has_header("ETag")


def test_a_curated_collection_answers_304_until_a_score_joins_it(api_client):
    collection = CollectionFactory()
    CollectionMemberFactory(collection=collection, display_order=0)
    path = f"/api/collections/{collection.slug}"
    tag = api_client.get(path)["ETag"]
    assert api_client.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    CollectionMemberFactory(collection=collection, display_order=1)
    changed = api_client.get(path, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed.json()["scoreCount"] == 2


def test_the_callers_collections_answer_304_to_their_own_tag(auth_client):
    tag = auth_client.get("/api/user/collections")["ETag"]
    response = auth_client.get("/api/user/collections", HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304


def test_a_write_is_not_made_conditional_by_if_none_match(auth_client):
    tag = auth_client.get("/api/user/collections")["ETag"]
    created = auth_client.post(
        "/api/user/collections", {"name": "Recital"}, format="json", HTTP_IF_NONE_MATCH=tag
    )
    assert created.status_code == 201 and not created.has_header("ETag")


def test_a_weak_form_of_the_tag_also_answers_304(api_client):
    ScoreFactory()
    tag = api_client.get("/api/scores")["ETag"]
    assert api_client.get("/api/scores", HTTP_IF_NONE_MATCH=f"W/{tag}").status_code == 304


def test_if_match_on_a_read_changes_nothing(api_client):
    ScoreFactory()
    response = api_client.get("/api/scores", HTTP_IF_MATCH='"something-else"')
    assert response.status_code == 200 and response.json()["total"] == 1
