"""Catalogue search over 10,000 scores: the full HTTP path (visibility rule, filters, folded
text search with ranking, count, values() + orjson) beside a bare query floor (one raw SQL
SELECT ... LIMIT 20 plus COUNT doing the same filtering on the same table)."""

from __future__ import annotations

import random

from django.db import connections
from django.test import Client, override_settings

from bench.harness import Harness, timed

SIZE = 10_000
SEARCH = {"q": "Lagrima", "instrument": "piano", "minLevel": 3, "maxLevel": 8}
WORDS = [
    "prelude",
    "etude",
    "waltz",
    "nocturne",
    "sonata",
    "minuet",
    "study",
    "romance",
    "fantasia",
    "lágrima",
    "gavotte",
    "mazurka",
    "invention",
    "ballade",
    "impromptu",
]
COMPOSERS = [
    "Johann Sebastian Bach",
    "Frédéric Chopin",
    "Francisco Tárrega",
    "Fernando Sor",
    "Wolfgang Amadeus Mozart",
    "Ludwig van Beethoven",
    "Claude Debussy",
    "Mauro Giuliani",
]


def _populate() -> None:
    from scores.models import TEXT_SEARCH, Score

    rng = random.Random(6)
    rows = []
    for n in range(SIZE):
        score = Score(
            title=f"{rng.choice(WORDS).title()} No. {n % 97} in {rng.choice('ABCDEFG')} major",
            composer=rng.choice(COMPOSERS),
            opus=f"Op. {n % 120}",
            instrument=rng.choice(["piano", "guitar", "both"]),
            difficulty=rng.choice(["beginner", "intermediate", "advanced"]),
            difficulty_level=rng.randint(1, 10),
            style_period=rng.choice(["baroque", "classical", "romantic", "modern"]),
            tags=rng.sample(WORDS, 2),
            visibility="public" if n % 10 else "private",
            user_id="" if n % 10 else f"user{n % 50}",
        )
        score.refresh_search_keys()  # bulk_create skips save()
        rows.append(score)
    Score.objects.bulk_create(rows, batch_size=1000)
    TEXT_SEARCH.analyze()  # as an import does after a bulk load (and the daily cron)


FLOOR_SQL = (
    "SELECT id, title, composer, instrument, difficulty, difficulty_level FROM scores "
    "WHERE visibility = 'public' AND instrument IN ('piano', 'both') AND difficulty_level "
    "BETWEEN 3 AND 8 AND search_text LIKE %s ORDER BY search_title LIMIT 20"
)
FLOOR_COUNT = (
    "SELECT COUNT(*) FROM scores WHERE visibility = 'public' AND instrument IN ('piano', 'both') "
    "AND difficulty_level BETWEEN 3 AND 8 AND search_text LIKE %s"
)


LIST_WHERE = (
    "FROM scores WHERE visibility = 'public' AND instrument IN ('guitar', 'both') "
    "AND difficulty = 'intermediate'"
)
LIST_SQL = f"SELECT id, title, composer {LIST_WHERE} ORDER BY search_title LIMIT 20"
LIST_COUNT = f"SELECT COUNT(*) {LIST_WHERE}"


def _query(sql: str, count: str, params: list[str]) -> None:
    with connections["scores"].cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()
        cursor.execute(count, params)
        cursor.fetchone()


def run(h: Harness) -> None:
    # The catalogue cache is off for every figure but the one that names it (REDIS_URL
    # would turn it on): these measure reading the database.
    with override_settings(SCORES_CATALOGUE_CACHE_SECONDS=0):
        _uncached(h)
    _cached(h, Client(), SEARCH)


def _uncached(h: Harness) -> None:
    _populate()
    client = Client()
    listing = {"instrument": "guitar", "difficulty": "intermediate", "ordering": "title"}
    first = client.get("/api/scores", SEARCH)
    assert first.status_code == 200 and first.json()["total"] > 0, first.content[:200]
    assert client.get("/api/scores", listing).status_code == 200

    floor = timed(lambda: _query(FLOOR_SQL, FLOOR_COUNT, ["%lagrima%"]), repeat=5, number=20)
    figure = timed(lambda: client.get("/api/scores", SEARCH), repeat=5, number=20)
    h.report("GET /api/scores q+filters (10k scores)", figure, floor, "raw SQL LIKE + COUNT")
    floor = timed(lambda: _query(LIST_SQL, LIST_COUNT, []), repeat=5, number=20)
    figure = timed(lambda: client.get("/api/scores", listing), repeat=5, number=20)
    h.report("GET /api/scores filters+ordering (10k)", figure, floor, "raw SQL SELECT + COUNT")
    h.note(f"{first.json()['total']} matches for the text search; page of 20 rendered.")
    _conditional(h, client, listing)


def _cached(h: Harness, client: Client, search: dict) -> None:
    """The same text search with the catalogue cache on (as with REDIS_URL; here in this
    process's memory): the page comes from the cache until a score changes. The floor is the
    raw SQL the uncached answer needs."""
    with override_settings(SCORES_CATALOGUE_CACHE_SECONDS=60):
        assert client.get("/api/scores", search).status_code == 200
        figure = timed(lambda: client.get("/api/scores", search), repeat=5, number=20)
    floor = timed(lambda: _query(FLOOR_SQL, FLOOR_COUNT, ["%lagrima%"]), repeat=5, number=20)
    h.report("GET /api/scores q+filters, page cached", figure, floor, "raw SQL LIKE + COUNT")


def _conditional(h: Harness, client: Client, listing: dict) -> None:
    """A client that sends back the ETag it holds gets a 304: the same reads run (the tag is
    the body's digest), and the answer is empty."""
    full = client.get("/api/scores", listing)
    tag = full["ETag"]
    revalidated = client.get("/api/scores", listing, HTTP_IF_NONE_MATCH=tag)
    assert revalidated.status_code == 304, revalidated.status_code
    figure = timed(
        lambda: client.get("/api/scores", listing, HTTP_IF_NONE_MATCH=tag), repeat=5, number=20
    )
    floor = timed(lambda: client.get("/api/scores", listing), repeat=5, number=20)
    h.report("GET /api/scores revalidated (304)", figure, floor, "the same GET answered 200")
    h.note(f"200: {len(full.content)} body bytes; 304: {len(revalidated.content)}.")
