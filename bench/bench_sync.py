"""Sync engine: push throughput against raw SQL, full and incremental pull, and whether an
incremental pull grows with the table (it must not: it walks the (user, seq) index).

BENCH_SYNC_ROWS sets how many rows of other users fill the table for the last figure
(default 1,000,000; set e.g. 200000 on a slow machine).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import time

import orjson
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from bench.harness import Harness, timed
from mirubato.ids import new_id

PUSH_SIZE = 1000
PULL_SIZE = 10_000
OTHER_ROWS = int(os.environ.get("BENCH_SYNC_ROWS", "1000000"))
PUSH_TABLE_ROWS = 20_000
INSERT = (
    "INSERT INTO sync_data (id, user_id, entity_type, entity_id, data, checksum, version, seq,"
    " device_id, created_at, updated_at, deleted_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
    " %s, %s, %s, NULL)"
)


def entry(entity_id: str) -> dict:
    return {
        "id": entity_id,
        "timestamp": "2025-03-01T10:00:00Z",
        "duration": 30,
        "type": "practice",
        "instrument": "piano",
        "pieces": [{"title": "Moonlight Sonata", "composer": "Beethoven"}],
        "notes": "Slow practice, hands separately.",
        "updatedAt": "2025-03-01T10:30:00Z",
    }


def raw_rows(user_id: str, prefix: str, count: int, first_seq: int = 1) -> list[tuple]:
    now = timezone.now()
    rows = []
    for n in range(count):
        data = orjson.dumps(entry(f"{prefix}{n}")).decode()
        rows.append(
            (new_id(), user_id, "logbook_entry", f"{prefix}{n}", data, "0" * 64, 1,
             first_seq + n, "", now, now)
        )  # fmt: skip
    return rows


def raw_insert(rows: list[tuple]) -> None:
    with transaction.atomic(using="default"), connection.cursor() as cursor:
        cursor.executemany(INSERT, rows)


def make_user(email: str):
    from accounts.models import User
    from accounts.services import tokens_issue

    user, _ = User.objects.get_or_create(email=email)
    return user, {"HTTP_AUTHORIZATION": f"Bearer {tokens_issue(user=user).access_token}"}


def bench_push(h: Harness, client: Client) -> None:
    # The table as a deployed database keeps it: other musicians' rows, and planner
    # statistics (autovacuum, the nightly analyze_databases). On a new table without them,
    # PostgreSQL's generic plan for the read of the stored entities (prepared after its
    # fifth run) scans the whole table: 5 ms became 270-500 ms a push (bench/README.md).
    fill_table(PUSH_TABLE_ROWS)
    call_command("analyze_databases", stdout=io.StringIO())
    h.note(f"pushes into a table of {PUSH_TABLE_ROWS:,} other rows, analyzed")
    _, auth = make_user("bench-push@example.com")
    rounds = itertools.count()

    def push_once() -> None:
        r = next(rounds)
        body = orjson.dumps({"changes": [
            {"type": "logbook_entry", "id": f"p{r}-{n}", "data": entry(f"p{r}-{n}")}
            for n in range(PUSH_SIZE)
        ]})  # fmt: skip
        response = client.post("/api/sync/push", body, content_type="application/json", **auth)
        assert response.status_code == 200, response.content[:300]

    # The per-push limit is 500; this figure is the one-request cost of 1,000 as the issue asks.
    with override_settings(SYNC_MAX_CHANGES=PUSH_SIZE):
        figure = timed(push_once, repeat=5)
    raw_user, _ = make_user("bench-raw@example.com")
    batches = iter(
        [raw_rows(raw_user.pk, f"r{r}-", PUSH_SIZE, r * PUSH_SIZE + 1) for r in range(5)]
    )
    floor = timed(lambda: raw_insert(next(batches)), repeat=5)
    h.report(f"POST /api/sync/push ({PUSH_SIZE} new entries)", figure, floor, "raw executemany")


# The end of a pull page: `..."cursor":"<c>","hasMore":<b>,"snapshot":<b>}`.
PAGE_TAIL = re.compile(rb'"cursor":"([^"]*)","hasMore":(true|false),"snapshot":(?:true|false)}$')


def pull_everything(client: Client, auth: dict) -> int:
    """Every page of a first sync; the number of changes pulled."""
    since, total = "", 0
    while True:
        response = client.get("/api/sync/pull", {"since": since, "limit": 1000}, **auth)
        body = orjson.loads(response.content)
        total += len(body["changes"])
        since = body["cursor"]
        if not body["hasMore"]:
            return total


def pull_pages(client: Client, auth: dict) -> None:
    """The same pages, following the cursor without decoding the changes: what is timed is
    the server's work, not the benchmark's own JSON parsing (a quarter of it when decoded)."""
    since = ""
    while True:
        response = client.get("/api/sync/pull", {"since": since, "limit": 1000}, **auth)
        tail = PAGE_TAIL.search(response.content[-400:])
        assert response.status_code == 200 and tail, response.content[-400:]
        since = tail.group(1).decode()
        if tail.group(2) == b"false":
            return


def seed_puller() -> tuple[object, dict]:
    from sync.models import SyncMetadata

    user, auth = make_user("bench-pull@example.com")
    raw_insert(raw_rows(user.pk, "e", PULL_SIZE))
    SyncMetadata.objects.update_or_create(user=user, defaults={"last_seq": PULL_SIZE})
    return user, auth


def bench_full_pull(h: Harness, client: Client, user, auth: dict) -> None:
    assert pull_everything(client, auth) == PULL_SIZE

    def raw_select() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT entity_type, entity_id, data, version, seq, deleted_at FROM sync_data"
                " WHERE user_id = %s AND seq > 0 ORDER BY seq",
                [user.pk],
            )
            cursor.fetchall()

    figure = timed(lambda: pull_pages(client, auth), repeat=5)
    floor = timed(raw_select, repeat=5)
    h.report(f"GET /api/sync/pull ({PULL_SIZE} from empty, 10 pages)", figure, floor, "raw SELECT")


def incremental_pull(client: Client, user, auth: dict) -> float:
    from sync.feed import cursor_for

    since = cursor_for(user_id=user.pk, seq=PULL_SIZE - 10).encode()

    def once() -> None:
        body = orjson.loads(client.get("/api/sync/pull", {"since": since}, **auth).content)
        assert len(body["changes"]) == 10

    return timed(once, repeat=7, number=50)


def fill_table(target: int) -> float:
    from accounts.models import User
    from sync.models import SyncData

    started, missing = time.perf_counter(), target - SyncData.objects.count()
    # Fresh musicians each call: a second fill must not write into the first one's feeds.
    users = itertools.count(User.objects.filter(email__startswith="bench-other-").count())
    while missing > 0:
        other, _ = make_user(f"bench-other-{next(users)}@example.com")
        count = min(missing, 10_000)
        for start in range(0, count, 5000):
            raw_insert(raw_rows(other.pk, f"o{start}-", min(5000, count - start), start + 1))
        missing -= count
    return time.perf_counter() - started


def run(h: Harness) -> None:
    from sync.models import SyncData

    client = Client()
    bench_push(h, client)
    user, auth = seed_puller()
    bench_full_pull(h, client, user, auth)
    small_rows = SyncData.objects.count()
    small = incremental_pull(client, user, auth)
    build = fill_table(OTHER_ROWS + small_rows)
    big_rows = SyncData.objects.count()
    h.note(
        f"filled the table to {big_rows:,} rows in {build:.1f} s (BENCH_SYNC_ROWS={OTHER_ROWS:,})"
    )
    big = incremental_pull(client, user, auth)
    h.report(
        f"pull 10 changes of {PULL_SIZE:,}, table {big_rows:,} rows",
        big,
        small,
        f"same pull, table {small_rows:,} rows",
    )
