"""Dictionary lookups (cached and uncached) and search over 10,000 entries, beside a bare
Django view through the same middleware. Every request also writes its search_analytics row,
as in production; throttles stay on, with rates too high to trigger."""

from __future__ import annotations

import itertools

from django.test import Client

from bench.harness import Harness, timed

ENTRIES = 10_000
LANGS = ["en"] * 5 + ["es", "fr", "de", "zh-CN", "zh-TW"]
STEMS = [
    "allegro",
    "andante",
    "crescendo",
    "staccato",
    "sonata",
    "fugue",
    "tremolo",
    "cadenza",
    "rondo",
    "scherzo",
    "legato",
    "vivace",
    "arpeggio",
    "fermata",
    "glissando",
    "nocturne",
]
WORDS = [
    "assai",
    "molto",
    "poco",
    "con brio",
    "moderato",
    "grazioso",
    "piu mosso",
    "ma non troppo",
    "sostenuto",
    "espressivo",
    "dolce",
    "agitato",
    "cantabile",
    "maestoso",
    "leggiero",
    "tranquillo",
    "energico",
    "marcato",
    "semplice",
    "furioso",
    "giocoso",
    "lamentoso",
    "pesante",
    "rubato",
    "scherzando",
    "sempre",
    "subito",
    "tenuto",
    "vivo",
    "calando",
    "deciso",
    "morendo",
    "animato",
    "brillante",
    "comodo",
    "delicato",
    "dolente",
    "elegante",
    "feroce",
    "largamente",
    "lusingando",
    "misterioso",
    "nobilmente",
    "risoluto",
    "sereno",
]


def _terms() -> list[str]:
    combos = itertools.product(STEMS, WORDS, range(1, 30))
    return [f"{stem} {word} {n}" for stem, word, n in itertools.islice(combos, ENTRIES)]


def _load(terms: list[str]) -> None:
    from dictionary.models import KEY_SEARCH, DictionaryEntry

    rows = []
    for index, term in enumerate(terms):
        entry = DictionaryEntry(
            term=term,
            lang=LANGS[index % len(LANGS)],
            type="tempo",
            definition={"concise": f"{term}: concise.", "detailed": "Detailed text. " * 10},
            metadata={"synonyms": [f"syn {index}"]},
            overall_score=index % 100,
            search_count=index % 37,
            source="seed",
        )
        entry.refresh_keys()  # bulk_create skips save()
        rows.append(entry)
    DictionaryEntry.objects.bulk_create(rows, batch_size=1000)
    KEY_SEARCH.analyze()  # as an import does after a bulk load (and the daily cron)


def run(h: Harness) -> None:
    terms = _terms()
    _load(terms)
    english = [t for i, t in enumerate(terms) if LANGS[i % len(LANGS)] == "en"]
    client = Client()
    assert client.get(f"/api/dictionary/terms/{english[0]}").status_code == 200
    assert client.get("/livez").status_code == 200
    floor = timed(lambda: client.get("/livez"), repeat=5, number=200)

    fresh = iter(english[1:])  # each term looked up once: the cache never has it
    uncached = timed(
        lambda: client.get(f"/api/dictionary/terms/{next(fresh)}"), repeat=5, number=100
    )
    h.report("GET /terms/{term} uncached (10k entries)", uncached, floor, "bare view /livez")
    cached = timed(lambda: client.get(f"/api/dictionary/terms/{english[0]}"), repeat=5, number=200)
    h.report("GET /terms/{term} cached", cached, floor, "bare view /livez")
    path = f"/api/dictionary/terms/{english[0]}"
    tag = client.get(path)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    revalidated = timed(lambda: client.get(path, HTTP_IF_NONE_MATCH=tag), repeat=5, number=200)
    h.report("GET /terms/{term} cached, revalidated (304)", revalidated, cached, "the same 200")

    for label, query in [
        ("prefix", {"q": "allegro molto", "lang": "en"}),
        ("exact", {"q": english[3], "lang": "en"}),
        ("typo", {"q": "alegro molto 7", "lang": "en"}),
        ("all languages", {"q": "fermata dolce"}),
    ]:
        assert client.get("/api/dictionary/search", query).status_code == 200
        figure = timed(lambda q=query: client.get("/api/dictionary/search", q), repeat=5, number=50)
        h.report(f"GET /search ({label}, 10k entries)", figure, floor, "bare view /livez")

    suggest = timed(
        lambda: client.get("/api/dictionary/suggest", {"q": "cresc"}), repeat=5, number=100
    )
    h.report("GET /suggest (10k entries)", suggest, floor, "bare view /livez")
