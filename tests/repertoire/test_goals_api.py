"""Goals: validation, progress in goal_progress, completion, real logbook statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from repertoire.models import Goal, GoalProgress, UserRepertoire
from tests.repertoire.factories import (
    GoalFactory,
    LogbookEntryFactory,
    RepertoireFactory,
    entry_data,
)

pytestmark = pytest.mark.django_db(databases=["default"])


def test_it_creates_an_active_goal_at_zero_with_parsed_json_fields(auth_client):
    response = auth_client.post(
        "/api/goals",
        {
            "title": "Daily scales",
            "type": "practice_time",
            "targetValue": 120,
            "targetDate": "2025-06-01",
            "measures": ["1-16"],
            "practicePlan": {"dailyMinutes": 20, "focusAreas": ["evenness"]},
            "milestones": [{"title": "Half way", "targetDate": "2025-03-01"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["currentValue"]) == ("active", 0)
    assert body["practicePlan"] == {"dailyMinutes": 20, "focusAreas": ["evenness"]}
    assert body["milestones"][0]["title"] == "Half way" and body["milestones"][0]["id"]
    assert body["milestones"][0]["completed"] is False
    goal = Goal.objects.get(user=auth_client.user)
    assert goal.practice_plan == {"daily_minutes": 20, "focus_areas": ["evenness"]}


def test_a_target_of_zero_stays_zero(auth_client):
    response = auth_client.post("/api/goals", {"title": "T", "type": "custom", "targetValue": 0})
    assert response.json()["targetValue"] == 0
    assert Goal.objects.get().target_value == 0


def test_it_rejects_a_bad_type_a_long_title_and_bad_json_fields(auth_client):
    for body in (
        {"title": "T", "type": "speed"},
        {"title": "x" * 201, "type": "custom"},
        {"title": "T", "type": "custom", "practicePlan": {"dailyMinutes": -1}},
        {"title": "T", "type": "custom", "milestones": [{"completed": True}]},
        {"title": "T", "type": "custom", "measures": "1-16"},
    ):
        response = auth_client.post("/api/goals", body)
        assert response.status_code == 400, body
    assert not Goal.objects.exists()


def test_a_repertoire_goal_adds_its_piece_as_planned_once_with_a_normalised_id(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="etude-chopin", status="learning")
    auth_client.post("/api/goals", {"title": "A", "type": "repertoire", "scoreId": "Etude-Chopin"})
    auth_client.post(
        "/api/goals", {"title": "B", "type": "repertoire", "scoreId": "Nocturne - Chopin"}
    )
    items = dict(
        UserRepertoire.objects.filter(user=auth_client.user).values_list("score_id", "status")
    )
    assert items == {"etude-chopin": "learning", "nocturne-chopin": "planned"}
    assert set(Goal.objects.values_list("score_id", flat=True)) == {
        "etude-chopin",
        "nocturne-chopin",
    }


def test_progress_is_recorded_and_reaching_the_target_completes_the_goal(auth_client):
    goal = GoalFactory(user=auth_client.user, type="accuracy", target_value=90)
    first = auth_client.post(f"/api/goals/{goal.id}/progress", {"value": 50, "notes": "ok"})
    assert first.status_code == 201 and first.json()["completed"] is False
    second = auth_client.post(f"/api/goals/{goal.id}/progress", {"value": 40.5})
    body = second.json()
    assert body["completed"] is True and body["goal"]["status"] == "completed"
    assert body["goal"]["currentValue"] == 90.5
    assert GoalProgress.objects.filter(goal=goal).count() == 2
    goal.refresh_from_db()
    assert goal.status == "completed" and goal.completed_at is not None


def test_progress_rejects_a_non_number(auth_client):
    goal = GoalFactory(user=auth_client.user)
    for value in ("lots", None, "NaN"):
        assert (
            auth_client.post(f"/api/goals/{goal.id}/progress", {"value": value}).status_code == 400
        )
    assert not GoalProgress.objects.exists()


def test_practice_time_goals_count_minutes_of_entries_that_link_them(auth_client):
    user = auth_client.user
    goal = GoalFactory(user=user, type="practice_time", target_value=1000)
    LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-01T10:00:00Z", minutes=25, goalIds=[goal.id])
    )
    LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-02T10:00:00Z", minutes=35, goal_ids=[goal.id])
    )
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-03T10:00:00Z", minutes=99))
    body = auth_client.get(f"/api/goals/{goal.id}").json()
    assert (body["relatedSessions"], body["totalPracticeTime"], body["currentValue"]) == (2, 60, 60)
    assert len(body["recentSessions"]) == 2
    listed = auth_client.get("/api/goals").json()["items"][0]
    assert listed["totalPracticeTime"] == 60


def test_logged_minutes_reaching_the_target_complete_a_practice_time_goal(auth_client):
    user = auth_client.user
    goal = GoalFactory(user=user, type="practice_time", target_value=30)
    LogbookEntryFactory(
        user=user, data=entry_data(at="2025-01-01T10:00:00Z", minutes=30, goalIds=[goal.id])
    )
    assert auth_client.get("/api/goals").json()["items"][0]["status"] == "completed"
    goal.refresh_from_db()
    assert goal.status == "completed"


def test_a_goal_with_a_zero_target_is_not_completed_automatically(auth_client):
    goal = GoalFactory(user=auth_client.user, target_value=0)
    assert (
        auth_client.post(f"/api/goals/{goal.id}/progress", {"value": 5}).json()["completed"]
        is False
    )
    goal.refresh_from_db()
    assert (goal.status, goal.completed_at, goal.current_value) == ("active", None, 5)


def test_progress_never_changes_an_abandoned_or_completed_goals_status(auth_client):
    abandoned = GoalFactory(user=auth_client.user, target_value=10, status="abandoned")
    done_at = timezone.now() - timedelta(days=3)
    completed = GoalFactory(
        user=auth_client.user, target_value=10, status="completed", completed_at=done_at
    )
    for goal in (abandoned, completed):
        body = auth_client.post(f"/api/goals/{goal.id}/progress", {"value": 50}).json()
        assert body["completed"] is False and body["goal"]["currentValue"] == 50
    abandoned.refresh_from_db()
    completed.refresh_from_db()
    assert (abandoned.status, abandoned.completed_at) == ("abandoned", None)
    assert (completed.status, completed.completed_at) == ("completed", done_at)


def test_update_changes_fields_but_not_type_or_score(auth_client):
    goal = GoalFactory(user=auth_client.user)
    response = auth_client.patch(f"/api/goals/{goal.id}", {"title": "New", "status": "abandoned"})
    assert response.status_code == 200 and response.json()["status"] == "abandoned"
    assert auth_client.patch(f"/api/goals/{goal.id}", {"type": "accuracy"}).status_code == 400
    goal.refresh_from_db()
    assert (goal.title, goal.status, goal.type) == ("New", "abandoned", "custom")


def test_the_list_filters_by_status_type_and_score(auth_client):
    user = auth_client.user
    GoalFactory(user=user, type="accuracy", status="completed")
    wanted = GoalFactory(user=user, type="repertoire", score_id="a-b")
    body = auth_client.get("/api/goals?status=active&type=repertoire&scoreId=A-B").json()
    assert [g["id"] for g in body["items"]] == [wanted.id]
    assert auth_client.get("/api/goals?status=paused").status_code == 400


def test_delete_removes_the_goal_and_its_progress(auth_client):
    goal = GoalFactory(user=auth_client.user)
    auth_client.post(f"/api/goals/{goal.id}/progress", {"value": 1})
    assert auth_client.delete(f"/api/goals/{goal.id}").status_code == 204
    assert not Goal.objects.exists() and not GoalProgress.objects.exists()


def test_another_users_goal_is_a_404_and_untouched(auth_client):
    goal = GoalFactory(title="secret")
    for method, path in (("get", ""), ("patch", ""), ("delete", ""), ("post", "/progress")):
        response = getattr(auth_client, method)(f"/api/goals/{goal.id}{path}", {"value": 1})
        assert response.status_code == 404
    assert auth_client.get("/api/goals").json()["total"] == 0
    assert Goal.objects.get().title == "secret" and not GoalProgress.objects.exists()
