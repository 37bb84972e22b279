"""Repertoire CRUD: normalised ids, 409 on duplicates, dated status history, isolation."""

from __future__ import annotations

import pytest

from repertoire.models import RepertoireStatusChange, UserRepertoire
from tests.repertoire.factories import RepertoireFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def test_it_adds_a_free_piece_with_a_normalised_id(auth_client):
    response = auth_client.post(
        "/api/repertoire",
        {
            "scoreId": "Moonlight Sonata - Beethoven",
            "status": "learning",
            "difficultyRating": 4,
            "referenceLinks": ["https://imslp.org/wiki/x"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["scoreId"] == "moonlight sonata-beethoven"
    assert body["statusHistory"][0]["toStatus"] == "learning"
    assert body["practiceCount"] == 0
    item = UserRepertoire.objects.get(user=auth_client.user)
    assert (item.score_id, item.status, item.difficulty_rating) == (
        "moonlight sonata-beethoven",
        "learning",
        4,
    )


def test_adding_the_same_piece_twice_is_a_conflict_that_overwrites_nothing(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="etude-chopin", personal_notes="keep me")
    response = auth_client.post("/api/repertoire", {"scoreId": "Etude-Chopin"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_exists"
    assert UserRepertoire.objects.get(user=auth_client.user).personal_notes == "keep me"


def test_it_rejects_a_fractional_difficulty_rating(auth_client):
    response = auth_client.post("/api/repertoire", {"scoreId": "a-b", "difficultyRating": 4.5})
    assert response.status_code == 400
    assert "difficultyRating" in response.json()["error"]["details"]
    assert not UserRepertoire.objects.exists()


def test_it_rejects_reference_links_that_are_not_urls(auth_client):
    response = auth_client.post("/api/repertoire", {"scoreId": "a-b", "referenceLinks": ["nope"]})
    assert response.status_code == 400
    assert "referenceLinks" in response.json()["error"]["details"]


def test_it_rejects_a_blank_score_id(auth_client):
    response = auth_client.post("/api/repertoire", {"scoreId": "   "})
    assert response.status_code == 400
    assert not UserRepertoire.objects.exists()


def test_a_status_change_is_kept_as_a_dated_history_row_not_in_the_notes(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b", personal_notes="n")
    auth_client.post("/api/repertoire", {"scoreId": "x-y"})
    response = auth_client.patch(
        "/api/repertoire/a-b", {"status": "polished", "personalNotes": "new"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["personalNotes"] == "new"
    assert [(h["fromStatus"], h["toStatus"]) for h in body["statusHistory"]] == [
        ("planned", "polished")
    ]
    change = RepertoireStatusChange.objects.get(item__score_id="a-b")
    assert change.changed_at is not None


def test_an_update_without_a_status_change_adds_no_history(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b")
    auth_client.patch("/api/repertoire/a-b", {"status": "planned", "difficultyRating": 2})
    assert not RepertoireStatusChange.objects.exists()
    assert UserRepertoire.objects.get().difficulty_rating == 2


def test_the_path_id_is_normalised_like_the_body_id(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="moonlight sonata-beethoven")
    response = auth_client.get("/api/repertoire/Moonlight%20Sonata%20-%20Beethoven")
    assert response.status_code == 200
    assert response.json()["scoreId"] == "moonlight sonata-beethoven"


def test_a_free_id_with_a_slash_is_addressable(auth_client):
    auth_client.post("/api/repertoire", {"scoreId": "Prelude 1/2 - Satie"})
    assert auth_client.get("/api/repertoire/prelude 1%2F2-satie").status_code == 200
    assert auth_client.get("/api/repertoire/prelude 1%2F2-satie/stats").status_code == 200


def test_delete_removes_the_item_and_its_history(auth_client):
    auth_client.post("/api/repertoire", {"scoreId": "a-b"})
    assert auth_client.delete("/api/repertoire/a-b").status_code == 204
    assert not UserRepertoire.objects.exists() and not RepertoireStatusChange.objects.exists()


def test_the_list_filters_by_status(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b", status="learning")
    RepertoireFactory(user=auth_client.user, score_id="c-d", status="planned")
    body = auth_client.get("/api/repertoire?status=learning").json()
    assert [i["scoreId"] for i in body["items"]] == ["a-b"] and body["total"] == 1


def test_the_list_rejects_an_unknown_status_or_ordering(auth_client):
    assert auth_client.get("/api/repertoire?status=working").status_code == 400
    assert auth_client.get("/api/repertoire?orderBy=title").status_code == 400


def test_another_users_piece_is_a_404_for_every_method(auth_client):
    RepertoireFactory(score_id="a-b", personal_notes="secret")
    for method in ("get", "patch", "delete"):
        response = getattr(auth_client, method)("/api/repertoire/a-b")
        assert response.status_code == 404
        assert "secret" not in response.content.decode()
    assert auth_client.get("/api/repertoire/a-b/stats").status_code == 404
    assert UserRepertoire.objects.filter(score_id="a-b").count() == 1


def test_another_users_pieces_are_not_listed(auth_client):
    RepertoireFactory(score_id="a-b")
    assert auth_client.get("/api/repertoire").json()["total"] == 0


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get("/api/repertoire").status_code == 401


@pytest.mark.parametrize("path", ["/api/repertoire", "/api/goals", "/api/annotations"])
def test_an_offset_beyond_any_list_is_a_400_not_a_database_error(auth_client, path):
    response = auth_client.get(f"{path}?offset=99999999999999999999")
    assert response.status_code == 400 and "offset" in response.json()["error"]["details"]


def test_an_id_too_long_once_normalised_is_a_400(auth_client):
    response = auth_client.post("/api/repertoire", {"scoreId": "a" * 250})  # + "-unknown"
    assert response.status_code == 400 and "scoreId" in response.json()["error"]["details"]
    assert not UserRepertoire.objects.exists()
