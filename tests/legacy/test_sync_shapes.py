"""The pure translations between the original's sync shapes and ours."""

from __future__ import annotations

from legacy.sync_api import frames, shapes
from mirubato.api.errors import ApiError


def live(kind: str, entity_id: str, seq: int, version: int = 1, **data) -> dict:
    data = {"id": entity_id, **data}
    return {"type": kind, "id": entity_id, "data": data, "version": version, "seq": seq} | {
        "deleted": False
    }


def gone(kind: str, entity_id: str, seq: int) -> dict:
    return {"type": kind, "id": entity_id, "deleted": True, "version": 2, "seq": seq}


def test_a_later_page_replaces_an_entity_and_a_tombstone_removes_it():
    state: dict = {}
    shapes.live_fold(state, [live("goal", "a", 1), live("goal", "b", 2), live("goal", "c", 3)])
    shapes.live_fold(state, [live("goal", "a", 4, 2, title="new"), gone("goal", "b", 5)])
    assert list(state) == [("goal", "c"), ("goal", "a")]
    assert state[("goal", "a")]["title"] == "new"


def test_chunks_respect_the_limit_and_an_empty_push_is_one_chunk():
    assert shapes.chunked([], 3) == [[]]
    assert [len(c) for c in shapes.chunked(list(range(7)), 3)] == [3, 3, 1]


def test_the_first_chunk_keeps_the_clients_key_and_the_others_derive_short_ones():
    assert shapes.chunk_key("k", 0) == "k"
    assert shapes.chunk_key(None, 3) is None
    derived = [shapes.chunk_key("x" * 255, n) for n in (1, 2)]
    assert derived[0] != derived[1] and all(len(key) <= 48 for key in derived)
    assert shapes.chunk_key("x" * 255, 1) == derived[0]  # deterministic: a retry replays


def test_an_error_about_no_item_passes_unchanged():
    error = ApiError(400, "invalid", "The JSON is nested too deeply.", {"body": ["deep"]})
    origins = [shapes.Origin("entries", 0, "e1")]
    assert shapes.item_error(error, origins, offset=0) is error


def test_an_error_naming_a_change_by_key_only_is_mapped_to_the_item():
    error = ApiError(
        400, "invalid", "Text may not contain the NUL character.", {"changes[1].data": []}
    )
    origins = [shapes.Origin("entries", 0, "e1"), shapes.Origin("goals", 0, "g1")]
    mapped = shapes.item_error(error, origins, offset=0)
    assert mapped.message == 'changes.goals[0]: Text may not contain the NUL character. (id "g1")'


def test_conflicts_are_named_by_entity_with_our_resolution_as_the_reason():
    body = {
        "results": [{"status": "conflict"}],
        "conflicts": [
            {"type": "goal", "id": "g1", "server_version": 3, "resolution": "server_wins"}
        ],
        "cursor": "c",
    }
    answer = shapes.push_answer([body], [shapes.Origin("goals", 0, "g1")])
    assert answer["conflicts"] == [
        {"entityId": "g1", "entityType": "goal", "remoteVersion": 3, "reason": "server_wins"}
    ]


def test_an_occurrence_travels_with_its_plan_and_alone_otherwise():
    changes = [
        live("plan_occurrence", "o0", 1, planId="elsewhere"),
        live("practice_plan", "p1", 2, 3),
        live("plan_occurrence", "o1", 3, planId="p1"),
        gone("plan_occurrence", "o2", 4),
        live("goal", "g1", 5),
    ]
    out = frames.live_frames(changes)
    assert [f["type"] for f in out] == ["PLAN_OCCURRENCE_COMPLETED", "PLAN_UPDATED"]
    assert [o["id"] for o in out[1]["occurrences"]] == ["o1"]
    assert out[1]["seq"] == 3


def test_a_catch_up_page_sends_tombstones_one_by_one_and_entries_together():
    page = [live("logbook_entry", "e1", 3), gone("logbook_entry", "e2", 4)]
    out = frames.catch_up_frames(page)
    assert [(f["type"], f.get("entryId"), f["lastSeq"]) for f in out] == [
        ("ENTRY_DELETED", "e2", 4),
        ("BULK_SYNC", None, 4),
    ]


def test_last_seq_is_a_position_or_nothing():
    assert [frames.last_seq_of({"lastSeq": value}) for value in (5, 0, -1, True, "5", None)] == [
        5,
        None,
        None,
        None,
        None,
        None,
    ]
