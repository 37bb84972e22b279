"""The practice API (issue 13). Writes beside a bare authenticated view (`GET /api/auth/me`:
token check and render, no work): a practice-log save, a quick log (the save plus the updated
streak) and a session end (the session's logs, the stored stats, the summary and streak), for a
musician with a realistic logbook (`BENCH_PRACTICE_LOGBOOK` entries, default 1,000: about three
years of daily practice). The design's target is a practice-log save under 50 ms.

Then the improvement analytics over 10,000 logs beside the floor of reading those rows (goal:
at most 3x)."""

from __future__ import annotations

import os
import random
import statistics
from datetime import UTC, datetime, timedelta
from itertools import count

from django.test import Client

from bench.harness import Harness, seed_entities, timed

PAIRS = 7


def paired(figure, floor, *, number: int = 1) -> tuple[float, float]:
    """Median seconds of `figure` and of `floor`, timed in alternating rounds, so a machine
    whose load changes during the run slows both alike (this one is shared)."""
    figures, floors = [], []
    for _ in range(PAIRS):
        floors.append(timed(floor, repeat=1, number=number))
        figures.append(timed(figure, repeat=1, number=number))
    return statistics.median(figures), statistics.median(floors)


LOGBOOK = int(os.environ.get("BENCH_PRACTICE_LOGBOOK", "1000"))
IMPROVEMENT_LOGS = 10_000
NUMBER = 20  # calls per timed round of the writes
ACTIVITIES = ("scales", "etudes", "repertoire", "sight_reading", "slow_practice")
PIECES = [("Prelude in C", "Bach"), ("Nocturne Op. 9 No. 2", "Chopin"), ("Study No. 5", "Sor")]


def _log(rng: random.Random, n: int, start: datetime) -> dict:
    title, composer = rng.choice(PIECES)
    # A log per activity, several a day: 10,000 logs are about three and a half years.
    at = start + timedelta(hours=3 * n, minutes=rng.randrange(120))
    stamp = at.isoformat().replace("+00:00", "Z")
    return {
        "id": f"log_{n}",
        "timestamp": stamp,
        "duration": rng.randrange(5, 90),
        "type": "practice",
        "activityType": rng.choice(ACTIVITIES),
        "instrument": "piano",
        "pieces": [
            {
                "id": f"{title.lower()}-{composer.lower()}",
                "title": title,
                "composer": composer,
                "tempo": 50 + n % 60,
            }
        ],
        "tempoPracticed": 50 + n % 60,
        "targetTempo": 120,
        "selfRating": 1 + n % 10,
        "metadata": {"source": "bench", "accuracy": 60 + n % 40, "focusAreas": ["rhythm"]},
        "createdAt": stamp,
        "updatedAt": stamp,
    }


def _musician(email: str, logs: int) -> tuple:
    from accounts.models import User
    from accounts.services import tokens_issue

    user, _ = User.objects.get_or_create(email=email, defaults={"primary_instrument": "piano"})
    rng, start = random.Random(13), datetime(2023, 1, 1, tzinfo=UTC)
    seed_entities(user, "logbook_entry", [_log(rng, n, start) for n in range(logs)])
    token = tokens_issue(user=user).access_token
    return user, Client(HTTP_AUTHORIZATION=f"Bearer {token}")


_extra_logs = count(10**6)


def _log_one(user) -> None:
    """One more log for `user`, written through the feed's writer as a push writes it."""
    n = next(_extra_logs)
    seed_entities(user, "logbook_entry", [_log(random.Random(n), n, datetime.now(UTC))])


def _ok(response, status: int = 200) -> None:
    assert response.status_code == status, response.content[:300]


def _writes(h: Harness) -> None:
    _, client = _musician("bench-practice-api@example.com", LOGBOOK)
    numbers = count()

    def floor_view() -> None:
        _ok(client.get("/api/auth/me"))

    def save_log() -> None:
        body = {
            "timestamp": "2025-03-03T18:00:00Z",
            "duration": 30,
            "activityType": "scales",
            "selfRating": 7,
            "accuracy": 91,
            "id": f"rest_{next(numbers)}",
        }
        _ok(client.post("/api/practice/logs", body, content_type="application/json"), 201)

    def quick() -> None:
        body = {
            "activityType": "etudes",
            "duration": 20,
            "tempo": 80,
            "selfRating": 6,
            "piece": {"title": "Prelude in C", "composer": "Bach"},
        }
        _ok(client.post("/api/practice/quick-log", body, content_type="application/json"), 201)

    sessions = []
    for _ in range(PAIRS * NUMBER + 1):
        response = client.post(
            "/api/practice/sessions/start",
            {"sessionType": "guided"},
            content_type="application/json",
        )
        _ok(response, 201)
        session_id = response.json()["id"]
        for k in range(3):  # a few exercises in each session
            body = {
                "timestamp": "2025-03-03T18:00:00Z",
                "duration": 10,
                "sessionId": session_id,
                "activityType": "scales",
                "selfRating": 5 + k,
                "accuracy": 80 + k,
            }
            _ok(client.post("/api/practice/logs", body, content_type="application/json"), 201)
        sessions.append(session_id)

    def end() -> None:
        session_id = sessions.pop()
        response = client.put(
            f"/api/practice/sessions/{session_id}/end", {}, content_type="application/json"
        )
        _ok(response)

    for fn in (floor_view, save_log, quick, end):
        fn()  # warm-up
    h.note(f"a musician with {LOGBOOK} logbook entries; the design's target: a log save < 50 ms")
    label = "bare authenticated view GET /api/auth/me"
    for name, fn in (
        ("POST /api/practice/logs (save a log)", save_log),
        ("POST /api/practice/quick-log (+ streak)", quick),
        ("PUT /api/practice/sessions/{id}/end (+ summary)", end),
    ):
        h.report(name, *paired(fn, floor_view, number=NUMBER), label)


def _improvement(h: Harness) -> None:
    from repertoire.selectors.parsed_logbooks import parsed_logbooks
    from sync.models import SyncData

    user, client = _musician("bench-improvement@example.com", IMPROVEMENT_LOGS)

    def floor_read() -> None:
        rows = SyncData.objects.filter(user=user, entity_type="logbook_entry", deleted_at=None)
        list(rows.values_list("data", flat=True))

    def improvement(query: str = "") -> None:
        _ok(client.get(f"/api/analytics/improvement{query}"))

    improvement()
    h.note(f"{IMPROVEMENT_LOGS} logs with tempo, accuracy and self rating; goal: at most 3x")
    query = "?groupBy=month&tz=Europe/Paris&from=2023-06-01&to=2030-01-01"
    for name, fn in (
        ("GET /api/analytics/improvement (by week)", improvement),
        ("GET /api/analytics/improvement (month, tz, range)", lambda: improvement(query)),
    ):
        # First read parses the logbook (as after a write); again reads it parsed.
        first = lambda fn=fn: (parsed_logbooks.clear(), fn())  # noqa: E731
        h.report(f"{name}, first read", *paired(first, floor_read), "read the 10k rows")
        h.report(f"{name}, again", *paired(fn, floor_read), "read the 10k rows")
        after = lambda fn=fn: (_log_one(user), fn())  # noqa: E731
        h.report(f"{name}, after a new log", *paired(after, floor_read), "read the 10k rows")


def run(h: Harness) -> None:
    _writes(h)
    _improvement(h)
