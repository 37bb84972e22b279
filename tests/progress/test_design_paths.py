"""The system design's paths answer through the same views as this API's own routes (one
implementation, two paths), and both are in the schema with their own operation ids."""

from __future__ import annotations

import pytest
from django.urls import resolve

from tests.progress.factories import days_ago, log
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])

SAME_VIEW = [
    ("/api/users/me", "/api/user/me"),
    ("/api/users/me/preferences", "/api/user/preferences"),
    ("/api/sheet-music", "/api/scores"),
    ("/api/sheet-music/random", "/api/scores/random"),
    ("/api/sheet-music/recommended", "/api/scores/recommended"),
    ("/api/sheet-music/score_x1", "/api/scores/score_x1"),
    ("/api/progress/streaks", "/api/practice/streaks"),
]


@pytest.mark.parametrize("alias, own", SAME_VIEW)
def test_the_designs_path_is_the_same_view(alias, own):
    assert resolve(alias).func.view_class is resolve(own).func.view_class


@pytest.mark.parametrize("alias, own", SAME_VIEW[1:5] + SAME_VIEW[6:])
def test_both_paths_answer_the_same(auth_client, alias, own):
    ScoreFactory(title="Lágrima", composer="Francisco Tárrega")
    log(auth_client.user, days_ago(0))
    first, second = auth_client.get(alias), auth_client.get(own)
    assert first.status_code == second.status_code == 200
    if "random" not in alias:
        assert first.json() == second.json()


def test_a_score_answers_at_both_paths(api_client):
    score = ScoreFactory(title="Lágrima")
    first = api_client.get(f"/api/sheet-music/{score.pk}").json()
    second = api_client.get(f"/api/scores/{score.pk}").json()
    assert (first.pop("viewCount"), second.pop("viewCount")) == (1, 2)  # one counter
    assert first == second
    assert api_client.get("/api/sheet-music/score_missing").status_code == 404


def test_the_profile_is_edited_and_deleted_at_the_designs_path(auth_client):
    response = auth_client.put(
        "/api/users/me", {"displayName": "Clara", "skillLevel": "advanced"}, format="json"
    )
    assert response.status_code == 200 and response.json()["skillLevel"] == "advanced"
    assert auth_client.get("/api/user/me").json()["displayName"] == "Clara"
    assert auth_client.delete("/api/users/me").status_code == 204
    assert auth_client.get("/api/user/me").status_code == 401


def test_preferences_saved_at_one_path_are_read_at_the_other(auth_client):
    auth_client.put("/api/users/me/preferences", {"theme": "dark"}, format="json")
    assert auth_client.get("/api/user/preferences").json()["theme"] == "dark"


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    "path, method, operation_id",
    [
        ("/api/users/me", "get", "users_me"),
        ("/api/users/me", "put", "users_me_replace"),
        ("/api/users/me", "delete", "users_me_delete"),
        ("/api/user/me", "put", "user_me_replace"),
        ("/api/users/me/preferences", "put", "users_me_preferences_replace"),
        ("/api/sheet-music", "get", "sheet_music_list"),
        ("/api/sheet-music/{score_id}", "get", "sheet_music_detail"),
        ("/api/sheet-music/random", "get", "sheet_music_random"),
        ("/api/sheet-music/recommended", "get", "sheet_music_recommended"),
        ("/api/scores/recommended", "get", "scores_recommended"),
        ("/api/progress/streaks", "get", "progress_streaks"),
        ("/api/practice/streaks", "get", "practice_streaks"),
    ],
)
def test_both_paths_are_in_the_schema_with_their_own_operation_ids(
    schema, path, method, operation_id
):
    assert schema["paths"][path][method]["operationId"] == operation_id


def test_users_me_progress_is_the_designs_progress_response(auth_client):
    user = auth_client.user
    log(user, days_ago(1), 90)
    log(user, days_ago(0), 30, activityType="scales")
    body = auth_client.get("/api/users/me/progress").json()
    assert (body["currentLevel"], body["experiencePoints"], body["consecutiveDays"]) == (2, 120, 2)
    assert body["totalPracticeTime"] == 120
    assert [a["code"] for a in body["achievements"]] == ["first_entry"]
    assert [a["activityType"] for a in body["recentActivity"]] == ["scales", None]
    assert body["recentActivity"][0]["version"] == 1


def test_users_me_progress_needs_a_token(api_client):
    assert api_client.get("/api/users/me/progress").status_code == 401
