"""A small, realistic copy of the original deployment's three databases for the
import_mirubato tests: two musicians (Clara signs in with Google, Robert by magic link),
their logbook (one entry deleted), preferences, repertoire, goals with progress, an
annotation, four scores (two catalogue pieces, one private upload, one unlisted), collections,
favourites and a few dictionary entries, written as the original stores them (epoch-ms entry
times, Unix-second repertoire times, camelCase JSON, capitalised enums from before 0016).

`build(folder, dump=...)` writes them as SQLite files or as `wrangler d1 export`-style dumps.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.legacy import importer_schema as schema

CLARA = "user_V1StGXR8_Z5jdHi6B-myT"  # "user_" + a 21-character nanoid: fits our id column
ROBERT = "user_Uakgb_J5m9g-0JDMbcJqL"
BACH = "score_bach_invention_1"  # catalogue ids in our form: kept
LAGRIMA = "score_mckziolw_1xqjcv28qkl"
SKETCH = "Xk9pQ2mZr7LwT4bN8cYsD"  # Robert's private upload, a nanoid: gets a derived id
ROMANCE = "550e8400-e29b-41d4-a716-446655440000"  # Clara's unlisted upload, a UUID
# How the original's own normaliser rewrote SKETCH where a logbook or repertoire row quotes it.
SKETCH_MANGLED = "xk9pq2mzr7lwt4bn8cysd-unknown"
GOAL_TIME, GOAL_ETUDE, GOAL_SPRING = (
    "gT7kP2xQ9mW4vN8rL3sYa",
    "gE5hJ1cV6bZ0nM4qX8wRt",
    "gS2dF7gH3jK9lP5oI1uYe",
)
ENTRY_1, ENTRY_2, ENTRY_GONE = (
    "entry_1700000000000_k3j5h7g9f",
    "entry_1700100000000_a1s2d3f4g",
    "entry_1700200000000_z9x8c7v6b",
)
ENTRY_ROBERT = "entry_1700300000000_q1w2e3r4t"
ALLEGRO, ADAGIO, CRESCENDO = (
    "6f1c9e0a-3b5d-4c2e-9f8a-1b2c3d4e5f60",
    "7a2d0f1b-4c6e-4d3f-8a9b-2c3d4e5f6a71",
    "8b3e1a2c-5d7f-4e4a-9bac-3d4e5f6a7b82",
)


def _entry(entity_id: str, at_ms: int, user: str, **fields: Any) -> dict[str, Any]:
    iso = f"2023-11-{14 + (at_ms - 1700000000000) // 86400000:02d}T22:13:20.000Z"
    return {
        "id": entity_id,
        "timestamp": at_ms,
        "duration": 30,
        "type": "practice",
        "instrument": "piano",
        "pieces": [],
        "techniques": [],
        "goal_ids": [],
        "notes": None,
        "mood": None,
        "tags": [],
        "metadata": {"source": "manual"},
        "createdAt": iso,
        "updatedAt": iso,
        "created_at": at_ms,
        "updated_at": at_ms,
        "user_id": user,
        **fields,
    }


def _sync(row_id: str, user: str, kind: str, entity_id: str, data: dict, seq: int, **extra) -> dict:
    return {
        "id": row_id,
        "user_id": user,
        "entity_type": kind,
        "entity_id": entity_id,
        "data": json.dumps(data),
        "checksum": "0" * 64,
        "version": 2,
        "seq": seq,
        "device_id": "dev_a1b2c3d4e5f6g7h8",
        **extra,
    }


ENTRY_1_DATA = _entry(
    ENTRY_1,
    1700000000000,
    CLARA,
    pieces=[
        {"id": "moonlight sonata-beethoven", "title": "Moonlight Sonata", "composer": "Beethoven"}
    ],
    techniques=["scales"],
    goal_ids=[GOAL_TIME],
    notes="Slow practice, left hand alone",
    mood="satisfied",
    tags=["morning"],
    scoreId=BACH,
)
ENTRY_2_DATA = _entry(ENTRY_2, 1700100000000, CLARA, type="lesson", duration=60, mood="excited")
ENTRY_ROBERT_DATA = _entry(
    ENTRY_ROBERT,
    1700300000000,
    ROBERT,
    pieces=[{"id": SKETCH_MANGLED, "title": "Nocturne sketch", "composer": None}],
    scoreId=SKETCH,
    instrument="piano",
)

API_ROWS: dict[str, list[dict[str, Any]]] = {
    "users": [
        {
            "id": CLARA,
            "email": "Clara@Example.com",
            "display_name": "Clara Wieck",
            "auth_provider": "google",
            "google_id": "109876543210987654321",
            "created_at": "2023-10-01 08:00:00",
            "role": "user",
            "primary_instrument": "piano",
        },
        {
            "id": ROBERT,
            "email": "robert@mirubato.com",
            "display_name": None,
            "auth_provider": "magic_link",
            "created_at": "2023-10-02 09:30:00",
            "role": "admin",  # a role does not come along: staff is granted here only
        },
    ],
    "sync_data": [
        _sync("sync_a1", CLARA, "logbook_entry", ENTRY_1, ENTRY_1_DATA, 11),
        _sync("sync_a2", CLARA, "logbook_entry", ENTRY_2, ENTRY_2_DATA, 12),
        _sync(
            "sync_a3",
            CLARA,
            "logbook_entry",
            ENTRY_GONE,
            _entry(ENTRY_GONE, 1700200000000, CLARA),
            13,
            deleted_at="2023-11-20T10:00:00.000Z",
        ),
        _sync(
            "sync_a4",
            CLARA,
            "user_preferences",
            CLARA,
            {
                "theme": "dark",
                "primaryInstrument": "piano",
                "notificationSettings": {"practiceReminders": True},
            },
            14,
        ),
        _sync(
            "sync_a5",
            CLARA,
            "goal",
            "goal_sync_1",
            {"id": "goal_sync_1", "title": "Old sync goal", "type": "custom", "status": "active"},
            15,
        ),
        _sync("sync_b1", ROBERT, "logbook_entry", ENTRY_ROBERT, ENTRY_ROBERT_DATA, 16),
    ],
    "user_repertoire": [
        {
            "id": "R1abcdefghijklmnopqrs",
            "user_id": CLARA,
            "score_id": BACH,
            "status": "learning",
            "difficulty_rating": 3,
            "personal_notes": "Watch the trills\n"
            "[STATUS_CHANGE:2023-11-10T09:00:00.000Z:planned:learning]",
            "reference_links": json.dumps(["https://imslp.org/wiki/Inventions_and_Sinfonias"]),
            "created_at": 1699000000,
            "updated_at": 1699606800,
        },
        {
            "id": "R2abcdefghijklmnopqrs",
            "user_id": CLARA,
            "score_id": "moonlight sonata-beethoven",
            "status": "planned",
            "created_at": 1699000100,
            "updated_at": 1699000100,
        },
        {
            "id": "R3abcdefghijklmnopqrs",
            "user_id": ROBERT,
            "score_id": SKETCH_MANGLED,
            "status": "polished",
            "created_at": 1699000200,
            "updated_at": 1699000200,
        },
    ],
    "goals": [
        {
            "id": GOAL_TIME,
            "user_id": CLARA,
            "title": "Practise ten hours",
            "description": "Before the recital",
            "type": "practice_time",
            "target_value": 600,
            "current_value": 90,
            "target_date": "2024-03-01",
            "status": "active",
            "practice_plan": json.dumps({"dailyMinutes": 30, "focusAreas": ["tone"]}),
            "milestones": json.dumps(
                [
                    {
                        "id": "m1",
                        "title": "First hour",
                        "completed": True,
                        "completedAt": "2023-11-20T00:00:00.000Z",
                    },
                    {"title": "Five hours", "completed": False},
                ]
            ),
            "created_at": 1699000000,
            "updated_at": 1699100000,
        },
        {
            "id": GOAL_ETUDE,
            "user_id": CLARA,
            "title": "Learn the etude",
            "type": "repertoire",
            "score_id": "Etude-Chopin",  # the original did not normalise a goal's score id
            "status": "active",
            "created_at": 1699000300,
            "updated_at": 1699000300,
        },
        {
            "id": GOAL_SPRING,
            "user_id": ROBERT,
            "title": "Perform in spring",
            "type": "custom",
            "target_value": 0,
            "status": "completed",
            "created_at": 1699000400,
            "updated_at": 1699500000,
        },
    ],
    "goal_progress": [
        {
            "id": "P1abcdefghijklmnopqrs",
            "goal_id": GOAL_TIME,
            "value": 60,
            "notes": "",
            "recorded_at": 1699200000,
        },
        {
            "id": "P2abcdefghijklmnopqrs",
            "goal_id": GOAL_TIME,
            "value": 30,
            "session_id": ENTRY_1,
            "recorded_at": 1699300000,
        },
    ],
    "score_annotations": [
        {
            "id": "A1abcdefghijklmnopqrs",
            "user_id": CLARA,
            "score_id": BACH,
            "page_number": 1,
            "annotation_data": json.dumps({"x": 10, "y": 20, "color": "#ffcc00"}),
            "annotation_type": "highlight",
            "created_at": 1699000000,
            "updated_at": 1699000000,
        }
    ],
    "sync_metadata": [{"user_id": CLARA, "last_sync_token": "sync_abc", "device_count": 1}],
    "sync_sequence": [{"id": 1, "current_value": 16}],
}

SCORES_ROWS: dict[str, list[dict[str, Any]]] = {
    "scores": [
        {
            "id": BACH,
            "title": "Invention No. 1 in C Major",
            "composer": "J.S. Bach",
            "opus": "BWV 772",
            "instrument": "PIANO",
            "difficulty": "INTERMEDIATE",
            "difficulty_level": 5,
            "style_period": "BAROQUE",
            "source": "manual",
            "tags": json.dumps(["baroque", "counterpoint"]),
            "metadata": json.dumps({"catalog": "BWV 772", "year": 1723}),
            "visibility": "public",
            "processing_status": "completed",
            "created_at": "2023-09-01 00:00:00",
        },
        {
            "id": LAGRIMA,
            "title": "Lágrima",
            "composer": "Francisco Tárrega",
            "instrument": "guitar",
            "difficulty": "intermediate",
            "difficulty_level": 4,
            "style_period": "romantic",
            "source": "imslp",
            "imslp_url": "https://imslp.org/wiki/L%C3%A1grima_(T%C3%A1rrega%2C_Francisco)",
            "tags": json.dumps(["prelude"]),
            "visibility": "public",
            "pdf_url": "/files/imslp/lagrima.pdf",
            "created_at": "2023-09-02 00:00:00",
        },
        {
            "id": SKETCH,
            "title": "Nocturne sketch",
            "composer": "Robert Schumann",
            "instrument": "piano",
            "difficulty": "advanced",
            "source": "manual",
            "user_id": ROBERT,
            "visibility": "private",
            "pdf_url": "/files/uploads/Xk9pQ2mZr7LwT4bN8cYsD.pdf",
            "processing_status": "completed",
            "created_at": "2023-10-05 12:00:00",
        },
        {
            "id": ROMANCE,
            "title": "Romance",
            "composer": "Clara Schumann",
            "opus": "Op. 21",
            "instrument": "piano",
            "difficulty": "intermediate",
            "user_id": CLARA,
            "visibility": "unlisted",
            "source_type": "multi-image",
            "page_count": 2,
            "created_at": "2023-10-06 12:00:00",
        },
    ],
    "score_versions": [
        {
            "id": "9b2f0c1e-aaaa-4bbb-8ccc-000000000001",
            "score_id": SKETCH,
            "format": "pdf",
            "r2_key": "uploads/Xk9pQ2mZr7LwT4bN8cYsD.pdf",
            "page_count": 3,
            "processing_status": "completed",
        }
    ],
    "score_pages": [
        {
            "id": "score_mc1_page1",
            "score_id": ROMANCE,
            "page_number": 1,
            "image_url": f"/api/scores/{ROMANCE}/pages/1",
            "r2_key": f"images/{ROMANCE}/1.png",
            "mime_type": "image/png",
        }
    ],
    "score_analytics": [
        {"score_id": BACH, "view_count": 12, "download_count": 3, "render_count": 1}
    ],
    "collections": [
        {
            "id": "coll_piano_beginner",
            "name": "Piano for Beginners",
            "slug": "piano-for-beginners",
            "instrument": "piano",
            "difficulty": "beginner",
            "score_ids": json.dumps([BACH]),
            "display_order": 1,
            "is_featured": 1,
        }
    ],
    "user_collections": [
        {
            "id": "score_mcol1_robertgeneral",
            "user_id": ROBERT,
            "name": "General",
            "description": "Your default collection",
            "slug": "general",
            "is_default": 1,
            "score_ids": json.dumps([SKETCH, BACH]),
        },
        {
            "id": "featured-beginner-guitar",
            "user_id": "system",
            "name": "Beginner Guitar Foundations",
            "slug": "featured-beginner-guitar",
            "visibility": "public",
            "collection_type": "platform",
            "owner_type": "admin",
            "score_ids": json.dumps([LAGRIMA]),
            "featured_at": "2023-09-10 00:00:00",
            "display_order": 2,
        },
    ],
    "collection_members": [
        {"id": "cm_1", "collection_id": "score_mcol1_robertgeneral", "score_id": SKETCH},
        {"id": "cm_2", "collection_id": "score_mcol1_robertgeneral", "score_id": BACH},
        {"id": "cm_3", "collection_id": "featured-beginner-guitar", "score_id": LAGRIMA},
    ],
    "user_score_favorites": [
        {"id": "fav_1", "user_id": CLARA, "score_id": BACH, "created_at": "2023-11-01 10:00:00"},
        {"id": "fav_2", "user_id": ROBERT, "score_id": SKETCH, "created_at": "2023-11-02 10:00:00"},
    ],
}


def _entry_row(entry_id: str, term: str, lang: str, kind: str, score: float, concise: str) -> dict:
    detailed = (
        f"{concise} In a score the word {term} tells the player how the passage should go, "
        "and teachers explain it early."
    )
    return {
        "id": entry_id,
        "term": term,
        "normalized_term": term.lower(),
        "lang": lang,
        "type": kind,
        "definition": json.dumps(
            {"concise": concise, "detailed": detailed, "etymology": "Italian"}
        ),
        "refs": json.dumps(
            {"wikipedia": {"url": f"https://en.wikipedia.org/wiki/{term}", "extract": concise}}
        ),
        "metadata": json.dumps({"related_terms": [], "categories": [kind], "search_frequency": 4}),
        "quality_score": json.dumps(
            {"overall": score, "human_verified": False, "confidence_level": "high"}
        ),
        "overall_score": score,
        "created_at": "2024-01-05T10:00:00.000Z",
        "updated_at": "2024-01-06T10:00:00.000Z",
        "version": 2,
    }


DICTIONARY_ROWS: dict[str, list[dict[str, Any]]] = {
    "dictionary_entries": [
        _entry_row(ALLEGRO, "Allegro", "en", "tempo", 85, "Fast, quick and bright."),
        _entry_row(ADAGIO, "Adagio", "es", "tempo", 40, "Lento y pausado."),
        _entry_row(CRESCENDO, "Crescendo", "en", "dynamics", 90.4, "Gradually getting louder."),
    ],
    "related_terms": [
        {
            "id": "rt1",
            "entry_id": ALLEGRO,
            "related_entry_id": CRESCENDO,
            "relationship_type": "see_also",
            "confidence_score": 0.8,
        }
    ],
    "user_feedback": [
        {
            "id": "fb1",
            "entry_id": ALLEGRO,
            "user_id": CLARA,
            "rating": 5,
            "helpful": 1,
            "feedback_text": "Clear",
            "feedback_type": "clarity",
        }
    ],
    "search_analytics": [
        {
            "id": "sa1",
            "term": "allegro",
            "normalized_term": "allegro",
            "found": 1,
            "entry_id": ALLEGRO,
            "response_time_ms": 12,
        }
    ],
    "seed_queue": [
        {
            "id": "sq1",
            "term": "Fermata",
            "languages": json.dumps(["en"]),
            "created_at": "2024-01-01",
        }
    ],
}

DATABASES = {
    "api": (schema.API, API_ROWS),
    "scores": (schema.SCORES, SCORES_ROWS),
    "dictionary": (schema.DICTIONARY, DICTIONARY_ROWS),
}


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        connection.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values())
        )


def database(
    name: str, extra: dict[str, list[dict[str, Any]]] | None = None, *, ddl: str = ""
) -> sqlite3.Connection:
    """One of the three, in memory: the schema (plus `ddl`), the data set, then `extra` rows."""
    statements, rows = DATABASES[name]
    connection = sqlite3.connect(":memory:")
    connection.executescript(statements + ddl)
    for table, table_rows in {**rows}.items():
        _insert(connection, table, table_rows)
    for table, table_rows in (extra or {}).items():
        _insert(connection, table, table_rows)
    connection.commit()
    return connection


def d1_dump(connection: sqlite3.Connection) -> str:
    """The database as `wrangler d1 export` writes one: a PRAGMA, each table's CREATE and its
    rows as `INSERT INTO "t" (...) VALUES(...)`, then indexes and triggers."""
    lines = [
        "PRAGMA defer_foreign_keys=TRUE;",
        "CREATE TABLE d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, "
        "applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);",
        "INSERT INTO d1_migrations VALUES(1,'0001_initial.sql','2023-09-01 00:00:00');",
    ]
    tables = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    for table, sql in tables:
        lines.append(f"{sql};")
        columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
        quoted = ", ".join(f'quote("{c}")' for c in columns)
        names = ",".join(f'"{c}"' for c in columns)
        for values in connection.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid'):
            lines.append(f'INSERT INTO "{table}" ({names}) VALUES({",".join(values)});')
    for (sql,) in connection.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
    ):
        lines.append(f"{sql};")
    return "\n".join(lines) + "\n"


def build(
    folder: Path,
    *,
    dump: bool,
    extra: dict[str, dict[str, list[dict[str, Any]]]] | None = None,
    ddl: dict[str, str] | None = None,
) -> dict[str, Path]:
    """The three databases written to `folder` as SQLite files (`dump=False`) or SQL dumps;
    `extra[name]` adds rows, `ddl[name]` more tables. Returns the option name → path."""
    paths = {}
    for name in DATABASES:
        connection = database(name, (extra or {}).get(name), ddl=(ddl or {}).get(name, ""))
        if dump:
            path = folder / f"{name}.sql"
            path.write_text(d1_dump(connection), encoding="utf-8")
        else:
            path = folder / f"{name}.sqlite3"
            path.unlink(missing_ok=True)
            target = sqlite3.connect(path)
            connection.backup(target)
            target.close()
        connection.close()
        paths[name] = path
    return paths
