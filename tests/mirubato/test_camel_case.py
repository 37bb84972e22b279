"""JSON is camelCase on the wire and snake_case in Python; client-owned JSON is untouched."""

from __future__ import annotations

import pytest

from mirubato.api.camel import camelize, to_camel, to_snake, underscoreize


@pytest.mark.parametrize(
    ("snake", "camel"),
    [
        ("display_name", "displayName"),
        ("id", "id"),
        ("has_more", "hasMore"),
        ("score_id", "scoreId"),
    ],
)
def test_keys_convert_both_ways(snake, camel):
    assert to_camel(snake) == camel
    assert to_snake(camel) == snake


def test_nested_keys_convert_but_opaque_values_do_not():
    body = {"entity_id": 1, "data": {"piece_id": 2, "scoreId": 3}, "items": [{"seq_no": 4}]}
    assert camelize(body, opaque=("data",)) == {
        "entityId": 1,
        "data": {"piece_id": 2, "scoreId": 3},
        "items": [{"seqNo": 4}],
    }


def test_keys_inside_lists_and_tuples_convert_and_scalars_pass_through():
    body = {"rows": [[{"seq_no": 1}], ({"entity_id": 2}, "text", None)], "pair": ({"a_b": 3},)}
    assert camelize(body) == {
        "rows": [[{"seqNo": 1}], [{"entityId": 2}, "text", None]],
        "pair": [{"aB": 3}],
    }


def test_underscoreize_keeps_opaque_values():
    body = {"baseVersion": 3, "data": {"updatedAt": "x", "my_field": 1}}
    assert underscoreize(body, opaque=("data",)) == {
        "base_version": 3,
        "data": {"updatedAt": "x", "my_field": 1},
    }


@pytest.mark.django_db
@pytest.mark.urls("tests.mirubato.urls")
def test_request_and_response_round_trip_in_camel_case(api_client):
    payload = {"clientField": {"nested_key": 1}, "updatedAt": "2026-01-01"}
    response = api_client.post(
        "/api/test/echo", {"displayName": "Ana", "payload": payload}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["seenKeys"] == ["display_name", "payload"]
    assert body["received"] == {"displayName": "Ana", "payload": payload}
