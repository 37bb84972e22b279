"""Legacy goals (the client's calls §6): the list under `goals`, create, PUT edits, flat progress,
delete, in the original's shapes and through our goal rules."""

from __future__ import annotations

from datetime import date

import pytest

from repertoire.models import Goal, GoalProgress, UserRepertoire
from tests.accounts.factories import UserFactory
from tests.legacy.main_support import API, assert_legacy_error
from tests.repertoire.factories import GoalFactory

pytestmark = pytest.mark.django_db(databases=["default"])

GOALS = f"{API}/goals"
JUNE_1_MS = 1748736000000  # 2025-06-01T00:00:00Z


def _goal_url(goal: Goal, suffix: str = "") -> str:
    return f"{GOALS}/{goal.pk}{suffix}"


# --- list ------------------------------------------------------------------------------------


def test_the_list_is_every_goal_under_goals_past_our_page_size(auth_client):
    GoalFactory.create_batch(101, user=auth_client.user)
    GoalFactory(user=UserFactory())
    response = auth_client.get(GOALS)
    assert response.status_code == 200
    assert set(response.json()) == {"goals"} and len(response.json()["goals"]) == 101


def test_a_listed_goal_has_camel_keys_and_epoch_ms_times(auth_client):
    goal = GoalFactory(
        user=auth_client.user,
        target_date=date(2025, 6, 1),
        practice_plan={"daily_minutes": 20},
        milestones=[{"id": "m1", "title": "Half", "target_date": "2025-03-01"}],
    )
    [body] = auth_client.get(GOALS).json()["goals"]
    assert body["id"] == goal.pk and body["targetDate"] == str(JUNE_1_MS)
    assert body["createdAt"] == pytest.approx(goal.created_at.timestamp() * 1000, abs=1)
    assert isinstance(body["updatedAt"], int) and body["completedAt"] is None
    assert body["practicePlan"] == {"dailyMinutes": 20}
    assert body["milestones"][0]["targetDate"] == "2025-03-01"
    assert {"currentValue", "targetValue", "relatedSessions", "scoreId", "status"} <= body.keys()


def test_the_list_honours_the_status_filter(auth_client):
    GoalFactory(user=auth_client.user, status="completed")
    active = GoalFactory(user=auth_client.user)
    goals = auth_client.get(GOALS, {"status": "active"}).json()["goals"]
    assert [g["id"] for g in goals] == [active.pk]


def test_goals_need_a_token(api_client):
    assert_legacy_error(api_client.get(GOALS), 401)
    assert_legacy_error(api_client.post(GOALS, {"title": "T", "type": "custom"}), 401)


# --- create ----------------------------------------------------------------------------------


def test_create_answers_the_goal_with_201(auth_client):
    response = auth_client.post(
        GOALS,
        {
            "title": "Scales",
            "type": "practice_time",
            "targetValue": 120,
            "targetDate": "2025-06-01",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["status"], body["currentValue"]) == ("Scales", "active", 0)
    assert body["targetDate"] == str(JUNE_1_MS)
    assert Goal.objects.get(pk=body["id"]).target_date == date(2025, 6, 1)


def test_create_reads_an_epoch_ms_date_rounds_the_target_and_drops_a_cleared_milestone_date(
    auth_client,
):
    body = {
        "title": "Memorise",
        "type": "custom",
        "targetValue": 9.5,
        "targetDate": str(JUNE_1_MS),
        "milestones": [{"id": "m1", "title": "Page 1", "completed": False, "targetDate": ""}],
    }
    assert auth_client.post(GOALS, body).status_code == 201
    goal = Goal.objects.get()
    assert (goal.target_value, goal.target_date) == (10, date(2025, 6, 1))
    assert goal.milestones[0]["target_date"] is None  # "" would be a 400


def test_a_goal_without_type_is_a_legacy_400(auth_client):
    body = assert_legacy_error(auth_client.post(GOALS, {"title": "No type"}), 400)
    assert body["error"].startswith("type:")
    assert not Goal.objects.exists()


def test_a_logbook_goal_without_type_is_created_as_custom(auth_client):
    logbook_goal = {
        "id": "local-1",
        "title": "Learn the piece",
        "progress": 0,
        "milestones": [{"id": "m1", "title": "Bars 1-8", "completed": False}],
        "status": "active",
        "linkedEntries": [],
        "createdAt": "2025-01-01T00:00:00.000Z",
    }
    response = auth_client.post(GOALS, logbook_goal)
    assert response.status_code == 201
    goal = Goal.objects.get()
    assert (goal.type, goal.title, goal.status) == ("custom", "Learn the piece", "active")


def test_bad_goal_fields_are_a_legacy_400(auth_client):
    for body in (
        {"title": "T", "type": "speed"},
        {"title": "x" * 201, "type": "custom"},
        {"title": "T", "type": "custom", "targetValue": -1},
        {"title": "T", "type": "custom", "targetDate": "next week"},
    ):
        assert_legacy_error(auth_client.post(GOALS, body), 400)
    assert_legacy_error(auth_client.post(GOALS, ["not", "an", "object"]), 400)
    assert not Goal.objects.exists()


def test_a_repertoire_goal_adds_its_piece_as_our_rule_says(auth_client):
    body = {"title": "Play it", "type": "repertoire", "scoreId": "Nocturne - Chopin"}
    assert auth_client.post(GOALS, body).json()["scoreId"] == "nocturne-chopin"
    assert UserRepertoire.objects.get(user=auth_client.user).score_id == "nocturne-chopin"


# --- update ----------------------------------------------------------------------------------


def test_the_edit_dialogs_put_drops_the_unchanged_type_and_converts_its_values(auth_client):
    goal = GoalFactory(user=auth_client.user, type="practice_time", target_value=60)
    body = {
        "title": "New title",
        "type": "practice_time",
        "targetValue": 90.4,
        "targetDate": str(JUNE_1_MS),
    }
    response = auth_client.put(_goal_url(goal), body)
    assert response.status_code == 200
    assert response.json() == {"message": "Goal updated successfully"}
    goal.refresh_from_db()
    assert (goal.title, goal.target_value, goal.target_date) == ("New title", 90, date(2025, 6, 1))


def test_an_unchanged_score_id_is_dropped_in_any_spelling(auth_client):
    goal = GoalFactory(user=auth_client.user, type="repertoire", score_id="nocturne-chopin")
    body = {"scoreId": "Nocturne - Chopin", "type": "repertoire", "status": "abandoned"}
    assert auth_client.put(_goal_url(goal), body).status_code == 200
    goal.refresh_from_db()
    assert goal.status == "abandoned" and goal.score_id == "nocturne-chopin"


def test_changing_the_type_is_a_legacy_400(auth_client):
    goal = GoalFactory(user=auth_client.user, type="custom")
    body = assert_legacy_error(auth_client.put(_goal_url(goal), {"type": "accuracy"}), 400)
    assert body["error"].startswith("type:")
    goal.refresh_from_db()
    assert goal.type == "custom"


def test_a_bad_status_is_a_legacy_400(auth_client):
    goal = GoalFactory(user=auth_client.user)
    assert_legacy_error(auth_client.put(_goal_url(goal), {"status": "paused"}), 400)


def test_a_lower_target_reached_by_the_progress_completes_the_goal(auth_client):
    goal = GoalFactory(user=auth_client.user, type="accuracy", target_value=90, current_value=80)
    auth_client.put(_goal_url(goal), {"targetValue": 75})
    goal.refresh_from_db()
    assert goal.status == "completed" and goal.completed_at is not None


# --- progress, delete, detail ----------------------------------------------------------------


def test_progress_answers_the_flat_shape_and_completes_at_the_target(auth_client):
    goal = GoalFactory(user=auth_client.user, type="accuracy", target_value=90)
    first = auth_client.post(_goal_url(goal, "/progress"), {"value": 50, "notes": "slow"})
    assert first.status_code == 200
    assert first.json() == {
        "message": "Progress tracked successfully",
        "currentValue": 50,
        "targetValue": 90,
        "status": "active",
        "completed": False,
    }
    second = auth_client.post(_goal_url(goal, "/progress"), {"value": 40}).json()
    assert (second["currentValue"], second["status"], second["completed"]) == (
        90,
        "completed",
        True,
    )
    assert GoalProgress.objects.filter(goal=goal).count() == 2


def test_bad_progress_is_a_legacy_400(auth_client):
    goal = GoalFactory(user=auth_client.user)
    assert_legacy_error(auth_client.post(_goal_url(goal, "/progress"), {"value": "lots"}), 400)
    assert not GoalProgress.objects.exists()


def test_delete_answers_the_original_message(auth_client):
    goal = GoalFactory(user=auth_client.user)
    response = auth_client.delete(_goal_url(goal))
    assert response.status_code == 200
    assert response.json() == {"message": "Goal deleted successfully"}
    assert not Goal.objects.exists()


def test_the_detail_carries_the_goal_and_its_stats(auth_client):
    goal = GoalFactory(user=auth_client.user)
    body = auth_client.get(_goal_url(goal)).json()
    assert body["goal"]["id"] == goal.pk
    assert body["stats"] == {"relatedSessions": 0, "totalPracticeTime": 0, "recentSessions": []}


def test_another_users_goal_is_a_legacy_404_everywhere(auth_client):
    goal = GoalFactory(user=UserFactory(), title="Theirs")
    assert_legacy_error(auth_client.get(_goal_url(goal)), 404)
    assert_legacy_error(auth_client.put(_goal_url(goal), {"title": "Mine now"}), 404)
    assert_legacy_error(auth_client.post(_goal_url(goal, "/progress"), {"value": 1}), 404)
    assert_legacy_error(auth_client.delete(_goal_url(goal)), 404)
    goal.refresh_from_db()
    assert goal.title == "Theirs" and not GoalProgress.objects.exists()
