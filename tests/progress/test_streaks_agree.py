"""One streak rule: the practice streaks endpoint and the progress overview agree."""

from __future__ import annotations

import pytest

from tests.progress.factories import days_ago, log

pytestmark = pytest.mark.django_db(databases=["default", "scores"])

SHARED = (
    "currentStreak",
    "currentStreakStart",
    "longestStreak",
    "longestStreakStart",
    "longestStreakEnd",
    "lastPracticeDate",
    "practicedToday",
)


def _streaks(client, path: str, tz: str) -> dict:
    response = client.get(path, {"tz": tz})
    assert response.status_code == 200, response.content
    return {key: response.json()[key] for key in SHARED}


@pytest.mark.parametrize("tz", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_the_streaks_endpoint_and_the_progress_overview_give_the_same_numbers(auth_client, tz):
    user = auth_client.user
    for n in (12, 11, 10, 9, 3, 2, 1):  # a four-day run, then one that ran until yesterday
        log(user, days_ago(n, hour=23), 20)  # late evening UTC: another local day in Tokyo
    log(user, days_ago(6), 0, type="status_change")  # not practice: bridges nothing
    log(user, days_ago(-3), 20)  # dated in the future: extends nothing
    practice = _streaks(auth_client, "/api/practice/streaks", tz)
    overview = _streaks(auth_client, "/api/progress/overview", tz)
    assert practice == overview
    assert practice["longestStreak"] >= 3 and practice["currentStreak"] >= 2
