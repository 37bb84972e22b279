"""Progress overview for a musician with 10,000 logbook entries (about 14 years of daily
practice), beside its floor: reading the same rows from the database. The overview reads the
rows, parses them and aggregates them in Python; the ratio is the cost of that work on top of
the read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.test import Client

from bench.harness import Harness, seed_entities, timed

ENTRIES = 10_000
TECHNIQUES = ("scales", "arpeggios", "sight-reading", "")
PIECES = (
    ("Nocturne Op. 9 No. 2", "Chopin"),
    ("Study Op. 60 No. 1", "Sor"),
    ("Gymnopédie", "Satie"),
)


def _entry(n: int, start: datetime) -> dict:
    title, composer = PIECES[n % len(PIECES)]
    at = start + timedelta(hours=11 * n)
    return {
        "id": f"entry_{n}",
        "timestamp": at.isoformat().replace("+00:00", "Z"),
        "duration": 15 + n % 60,
        "type": ("practice", "practice", "lesson", "technique")[n % 4],
        "instrument": "piano" if n % 3 else "guitar",
        "pieces": [
            {
                "id": f"{title.lower()}-{composer.lower()}",
                "title": title,
                "composer": composer,
                "tempo": 60 + n % 40,
            }
        ],
        "techniques": [t for t in (TECHNIQUES[n % 4],) if t],
        "mood": "satisfied",
        "metadata": {"source": "manual", "accuracy": 60 + n % 40},
        "notes": "Worked on the left hand; slow practice with a metronome.",
        "createdAt": at.isoformat(),
        "updatedAt": at.isoformat(),
    }


def _seed(user) -> None:
    start = datetime.now(UTC) - timedelta(hours=11 * ENTRIES)
    seed_entities(user, "logbook_entry", [_entry(n, start) for n in range(ENTRIES)])


def run(h: Harness) -> None:
    from accounts.models import User
    from accounts.services import tokens_issue
    from repertoire.selectors.parsed_logbooks import parsed_logbooks
    from sync.models import SyncData

    user, _ = User.objects.get_or_create(email="bench-progress@example.com")
    if not SyncData.objects.filter(user=user).exists():
        _seed(user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens_issue(user=user).access_token}"}
    client = Client()
    response = client.get("/api/progress/overview", **auth)
    assert response.status_code == 200 and response.json()["entryCount"] == ENTRIES

    def read_rows() -> None:
        rows = SyncData.objects.filter(user=user, entity_type="logbook_entry", deleted_at=None)
        assert len(list(rows.values_list("entity_id", "data"))) == ENTRIES

    def overview() -> None:
        assert client.get("/api/progress/overview", **auth).status_code == 200

    # First read: the logbook is parsed (as after any write); again: it comes parsed from
    # this process's parsed logbooks (repertoire/selectors/parsed_logbooks.py).
    cold = timed(lambda: (parsed_logbooks.clear(), overview()), repeat=5)
    floor = timed(read_rows, repeat=5)
    name = f"GET /api/progress/overview ({ENTRIES:,} entries)"
    h.report(f"{name}, first read", cold, floor, "reading the rows")
    h.report(f"{name}, again", timed(overview, repeat=5), floor, "reading the rows")
    added = iter(range(ENTRIES, ENTRIES + 100))
    start = datetime.now(UTC)

    def after_a_write() -> None:
        seed_entities(user, "logbook_entry", [_entry(next(added), start)])
        overview()

    overview()  # kept at the current head
    after = timed(after_a_write, repeat=5)
    h.report(f"{name}, after a new entry", after, floor, "reading the rows")
    h.note("after a new entry: the write and the overview; the kept logbook takes the change.")
