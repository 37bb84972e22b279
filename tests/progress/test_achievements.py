"""Each achievement's rule, awarded once with the date of the entry that earned it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from progress.achievements import CATALOGUE
from progress.models import UserAchievement
from repertoire.models import RepertoireStatusChange, UserRepertoire
from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log, repertoire, status_change, unlog

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def achievements(client) -> dict[str, dict]:
    response = client.get("/api/progress/achievements")
    assert response.status_code == 200, response.content
    return {item["code"]: item for item in response.json()["items"]}


def stored(user) -> dict[str, UserAchievement]:
    return {a.code: a for a in UserAchievement.objects.filter(user=user)}


def test_every_achievement_is_listed_with_progress_before_any_is_earned(auth_client):
    items = achievements(auth_client)
    assert list(items) == [a.code for a in CATALOGUE]
    assert all(not item["earned"] and item["earnedAt"] is None for item in items.values())
    assert stored(auth_client.user) == {}


def test_first_entry_is_earned_on_the_date_of_the_entry(auth_client):
    entry = log(auth_client.user, "2025-03-01T10:00:00Z", 5)
    item = achievements(auth_client)["first_entry"]
    assert item["earned"] and item["earnedAt"] == "2025-03-01T10:00:00Z"
    assert item["entryId"] == entry and item["progress"] == 1.0


def test_an_achievement_is_awarded_once(auth_client):
    log(auth_client.user, days_ago(3), 5)
    achievements(auth_client)
    log(auth_client.user, days_ago(2), 5)
    achievements(auth_client)
    assert UserAchievement.objects.filter(user=auth_client.user, code="first_entry").count() == 1


def test_a_late_entry_moves_the_date_back_to_when_it_happened(auth_client):
    log(auth_client.user, "2025-03-05T10:00:00Z", 5)
    achievements(auth_client)
    late = log(auth_client.user, "2025-02-20T09:00:00Z", 5)  # synced later from a phone
    item = achievements(auth_client)["first_entry"]
    assert item["earnedAt"] == "2025-02-20T09:00:00Z" and item["entryId"] == late
    row = stored(auth_client.user)["first_entry"]
    assert row.entry_id == late
    assert row.earned_at == datetime(2025, 2, 20, 9, 0, tzinfo=UTC)


def test_deleting_the_entry_that_earned_it_does_not_take_the_award_back(auth_client):
    entry = log(auth_client.user, "2025-03-01T10:00:00Z", 5)
    achievements(auth_client)
    unlog(auth_client.user, entry)
    assert achievements(auth_client)["first_entry"]["earned"] is True


def test_first_performance_needs_a_performance(auth_client):
    log(auth_client.user, days_ago(3), 30)
    assert not achievements(auth_client)["first_performance"]["earned"]
    gig = log(auth_client.user, days_ago(2), 30, type="performance")
    assert achievements(auth_client)["first_performance"]["entryId"] == gig


def test_a_seven_day_streak_is_earned_by_the_seventh_day(auth_client):
    ids = [log(auth_client.user, days_ago(20 - n), 10) for n in range(6)]
    item = achievements(auth_client)["streak_7"]
    assert not item["earned"] and item["value"] == 0  # that run ended two weeks ago
    ids.append(log(auth_client.user, days_ago(14), 10))  # a late seventh day
    item = achievements(auth_client)["streak_7"]
    assert item["earned"] and item["entryId"] == ids[-1]
    assert item["earnedAt"].startswith(days_ago(14).date().isoformat())


def test_streak_progress_counts_the_current_streak(auth_client):
    for n in range(3):
        log(auth_client.user, days_ago(n), 10)
    items = achievements(auth_client)
    assert items["streak_7"]["value"] == 3 and items["streak_7"]["progress"] == round(3 / 7, 3)
    assert items["streak_30"]["value"] == 3


def test_a_thirty_day_streak(auth_client):
    for n in range(30):
        log(auth_client.user, days_ago(40 - n), 1)
    items = achievements(auth_client)
    assert items["streak_30"]["earned"] and items["streak_7"]["earned"]
    assert items["streak_30"]["earnedAt"].startswith(days_ago(11).date().isoformat())


def test_hours_are_earned_by_the_entry_that_crosses_the_line(auth_client):
    log(auth_client.user, days_ago(5), 500)
    assert achievements(auth_client)["hours_10"]["value"] == 500
    crossing = log(auth_client.user, days_ago(4), 100)
    log(auth_client.user, days_ago(3), 100)
    items = achievements(auth_client)
    assert items["hours_10"]["entryId"] == crossing
    assert not items["hours_100"]["earned"] and items["hours_100"]["value"] == 700


def test_a_hundred_hours(auth_client):
    for n in range(5):
        log(auth_client.user, days_ago(10 - n), 1200)
    assert achievements(auth_client)["hours_100"]["earned"]


def test_ten_different_pieces(auth_client):
    for n in range(9):
        log(auth_client.user, days_ago(20 - n), 5, pieces=[{"title": f"Piece {n}"}])
    log(auth_client.user, days_ago(10), 5, pieces=[{"title": "Piece 0"}])  # not new
    assert achievements(auth_client)["pieces_10"]["value"] == 9
    tenth = log(auth_client.user, days_ago(9), 5, pieces=[{"title": "Piece 9"}])
    assert achievements(auth_client)["pieces_10"]["entryId"] == tenth


def test_first_polished_is_earned_when_the_status_history_first_moved_a_piece_there(auth_client):
    user, now = auth_client.user, timezone.now()
    repertoire(user, "prelude-chopin", "learning")
    assert not achievements(auth_client)["first_polished"]["earned"]
    item = repertoire(user, "etude-sor", "learning", created_at=now - timedelta(days=10))
    status_change(item, "polished", now - timedelta(days=5))
    status_change(item, "learning", now - timedelta(days=3))  # moved back, then again
    status_change(item, "polished", now - timedelta(days=2))
    UserRepertoire.objects.filter(pk=item.pk).update(updated_at=now)  # a later notes edit
    item = achievements(auth_client)["first_polished"]
    assert item["earned"] and item["entryId"] is None
    assert stored(user)["first_polished"].earned_at == now - timedelta(days=5)


def test_first_polished_through_the_api_is_dated_by_the_status_change_not_a_later_edit(
    auth_client,
):
    assert auth_client.post("/api/repertoire", {"scoreId": "etude-sor"}).status_code == 201
    patch = auth_client.patch("/api/repertoire/etude-sor", {"status": "polished"})
    assert patch.status_code == 200
    polished = RepertoireStatusChange.objects.get(item__user=auth_client.user, to_status="polished")
    auth_client.patch("/api/repertoire/etude-sor", {"personalNotes": "Memorised."})
    assert UserRepertoire.objects.get(user=auth_client.user).updated_at > polished.changed_at
    assert achievements(auth_client)["first_polished"]["earned"]
    assert stored(auth_client.user)["first_polished"].earned_at == polished.changed_at


def test_ten_pieces_in_the_repertoire_not_counting_dropped_ones(auth_client):
    for n in range(9):
        repertoire(auth_client.user, f"piece {n}-x")
    repertoire(auth_client.user, "dropped-x", "dropped")
    assert achievements(auth_client)["repertoire_10"]["value"] == 9
    repertoire(auth_client.user, "tenth-x", "planned")
    assert achievements(auth_client)["repertoire_10"]["earned"]


def test_awards_are_per_user(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    log(other.user, days_ago(1), 700)
    achievements(other)
    assert not achievements(auth_client)["hours_10"]["earned"]
    assert set(stored(auth_client.user)) == set()


def test_the_overview_shows_recent_awards(auth_client):
    log(auth_client.user, days_ago(1), 700)
    summary = auth_client.get("/api/progress/overview").json()["achievements"]
    assert summary["earned"] == 2 and summary["total"] == len(CATALOGUE)
    assert {a["code"] for a in summary["recent"]} == {"first_entry", "hours_10"}
