"""Practice analytics for a user with 10,000 logbook entries, beside the floor: simply reading
those rows (their JSON decoded) from the database, which every analytics request must do."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from django.test import Client

from bench.harness import Harness, seed_entities, timed

ENTRIES = 10_000
COMPOSERS = ["Johann Sebastian Bach", "Frédéric Chopin", "Fernando Sor", "Claude Debussy"]
INSTRUMENTS = ["piano", "guitar"]
TYPES = ["practice", "lesson", "technique", "performance"]
MOODS = ["satisfied", "neutral", "excited", "frustrated", None]


def _entry(rng: random.Random, n: int, start: datetime) -> dict:
    pieces = [
        {"id": f"study {k}-{c.lower()}", "title": f"Study {k}", "composer": c}
        for k, c in ((rng.randrange(60), rng.choice(COMPOSERS)) for _ in range(rng.randrange(4)))
    ]
    at = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
    return {
        "id": f"entry_{n}",
        "timestamp": at.isoformat().replace("+00:00", "Z"),
        "duration": rng.randrange(5, 120),
        "type": rng.choice(TYPES),
        "instrument": rng.choice(INSTRUMENTS),
        "pieces": pieces,
        "techniques": ["scales"],
        "goalIds": [],
        "notes": "Worked on the left hand, slowly, then hands together.",
        "mood": rng.choice(MOODS),
        "tags": [],
        "metadata": {"source": "manual"},
        "createdAt": at.isoformat(),
        "updatedAt": at.isoformat(),
    }


def _seed(user) -> None:
    rng, start = random.Random(5), datetime(2024, 1, 1, tzinfo=UTC)
    seed_entities(user, "logbook_entry", [_entry(rng, n, start) for n in range(ENTRIES)])


def run(h: Harness) -> None:
    from accounts.models import User
    from accounts.services import tokens_issue
    from repertoire.selectors.parsed_logbooks import parsed_logbooks
    from sync.models import SyncData

    user, _ = User.objects.get_or_create(email="bench-repertoire@example.com")
    _seed(user)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens_issue(user=user).access_token}")

    def get(path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200, response.content[:300]
        if response.streaming:
            b"".join(response.streaming_content)

    def floor_read() -> None:
        rows = SyncData.objects.filter(user=user, entity_type="logbook_entry", deleted_at=None)
        list(rows.values_list("data", flat=True))

    floor = timed(floor_read, repeat=5)
    h.note(f"{ENTRIES} logbook entries of one user")
    for name, path in (
        ("GET /api/practice/summary (by day)", "/api/practice/summary"),
        (
            "GET /api/practice/summary (week, tz, range)",
            "/api/practice/summary?groupBy=week&tz=Europe/Paris&from=2024-03-01&to=2025-10-31",
        ),
        ("GET /api/practice/streaks", "/api/practice/streaks?tz=America/New_York"),
        ("GET /api/practice/export (CSV, streamed)", "/api/practice/export?format=csv"),
    ):
        get(path)  # warm-up
        cold = timed(lambda p=path: (parsed_logbooks.clear(), get(p)), repeat=5)
        h.report(f"{name}, first read", cold, floor, "read the 10k rows")
        h.report(
            f"{name}, again", timed(lambda p=path: get(p), repeat=5), floor, "read the 10k rows"
        )
