"""A first sync (a pull without `since`) is one snapshot of the live entities however many
pages it takes: its pages carry no tombstone, even when deletes and edits arrive between them,
and its last page hands over to the change feed from the moment the snapshot began, so what
changed meanwhile arrives exactly once, after it (docs/sync.md, "First sync")."""

from __future__ import annotations

import random

import pytest

from sync.feed import cursor_decode, cursor_for
from tests.sync.client import change, pull, pull_all, push

pytestmark = pytest.mark.django_db(databases=["default"])


def goal(entity_id: str, title: str | None = None) -> dict:
    return change("goal", entity_id, {"title": title or entity_id})


def page(client, since: str | None = None, limit: int = 2, **params) -> dict:
    response = pull(client, since, limit=limit, **params)
    assert response.status_code == 200, response.content
    return response.json()


def live_state(client) -> dict[str, dict]:
    """What a device that followed every page to the end holds."""
    held: dict[str, dict] = {}
    for item in pull_all(client)[0]:
        if item["deleted"]:
            held.pop(item["id"], None)
        else:
            held[item["id"]] = item["data"]
    return held


def test_the_pages_of_a_first_sync_carry_no_tombstone_of_a_delete_between_them(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(6)])
    first = page(auth_client)
    push(auth_client, [change("goal", "g4", deleted=True)])  # not yet sent
    second = page(auth_client, first["cursor"])
    third = page(auth_client, second["cursor"])
    snapshot = first["changes"] + second["changes"] + third["changes"]
    assert [c["id"] for c in snapshot] == ["g0", "g1", "g2", "g3", "g5"]
    assert not any(c["deleted"] for c in snapshot)
    assert all(p["snapshot"] for p in (first, second, third))


def test_a_delete_during_the_snapshot_arrives_after_the_hand_over(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(4)])
    first = page(auth_client)
    push(auth_client, [change("goal", "g0", deleted=True)])  # already sent
    rest, _ = pull_all(auth_client, first["cursor"], limit=2)
    tombstones = [c["id"] for c in rest if c["deleted"]]
    assert tombstones == ["g0"]
    assert [c["id"] for c in rest if not c["deleted"]] == ["g2", "g3"]


def test_an_edit_during_the_snapshot_arrives_once_with_its_new_version(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(4)])
    first = page(auth_client)
    # g1 was sent on the first page; g3 not yet: both edits come with the change feed.
    push(auth_client, [goal("g1", "g1 edited"), goal("g3", "g3 edited")])
    rest, _ = pull_all(auth_client, first["cursor"], limit=2)
    ids = [c["id"] for c in rest]
    assert ids == ["g2", "g1", "g3"]
    assert rest[1]["data"] == {"title": "g1 edited"} and rest[1]["version"] == 2
    assert rest[2]["data"] == {"title": "g3 edited"}


def test_an_entity_created_during_the_snapshot_follows_it(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(3)])
    first = page(auth_client)
    push(auth_client, [goal("new")])
    rest, _ = pull_all(auth_client, first["cursor"], limit=2)
    assert [c["id"] for c in rest] == ["g2", "new"]


def test_the_last_page_of_a_quiet_snapshot_hands_over_at_the_head(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(3)])
    first = page(auth_client)
    last = page(auth_client, first["cursor"])
    assert last["hasMore"] is False
    handed = cursor_decode(last["cursor"], user_id=auth_client.user.pk)
    assert (handed.seq, handed.snapshot_head) == (3, None)
    assert page(auth_client, last["cursor"])["snapshot"] is False


def test_the_hand_over_says_more_when_something_changed_meanwhile(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(3)])
    first = page(auth_client)
    push(auth_client, [goal("g9")])
    last = page(auth_client, first["cursor"])
    assert last["snapshot"] is True and last["hasMore"] is True
    changes = page(auth_client, last["cursor"])
    assert changes["snapshot"] is False
    assert [c["id"] for c in changes["changes"]] == ["g9"]


def test_a_snapshot_cursor_followed_with_other_types_is_refused(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(3)])
    first = page(auth_client, types="goal")
    response = pull(auth_client, first["cursor"], limit=2, types="goal,practice_plan")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_a_forged_snapshot_cursor_beyond_its_head_is_refused(auth_client):
    forged = cursor_for(user_id=auth_client.user.pk, seq=9, snapshot_head=3).encode()
    response = pull(auth_client, forged)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_a_snapshot_of_an_erased_feed_expires(auth_client):
    snapshot = cursor_for(user_id=auth_client.user.pk, seq=0, snapshot_head=50).encode()
    response = pull(auth_client, snapshot)
    assert response.status_code == 410


def test_a_push_mid_snapshot_keeps_the_snapshot_cursor(auth_client):
    push(auth_client, [goal(f"g{i}") for i in range(3)])
    first = page(auth_client)
    body = push(auth_client, [goal("mine")], cursor=first["cursor"]).json()
    assert body["cursor"] == first["cursor"]


def test_random_edits_and_deletes_between_pages_converge_on_the_live_state(auth_client):
    rng = random.Random(12)
    push(auth_client, [goal(f"g{i}") for i in range(40)])
    held: dict[str, dict] = {}
    since, in_snapshot, tombstones_in_snapshot = None, True, 0
    while True:
        body = page(auth_client, since, limit=3)
        for item in body["changes"]:
            tombstones_in_snapshot += item["deleted"] and body["snapshot"]
            held.pop(item["id"], None) if item["deleted"] else held.update(
                {item["id"]: item["data"]}
            )
        in_snapshot = in_snapshot and body["snapshot"]
        since = body["cursor"]
        if not body["hasMore"]:
            break
        target = f"g{rng.randrange(40)}"
        if rng.random() < 0.5:
            push(auth_client, [change("goal", target, deleted=True)])
        else:
            push(auth_client, [goal(target, f"{target} v{rng.random():.3f}")])
    assert tombstones_in_snapshot == 0
    assert held == live_state(auth_client)
