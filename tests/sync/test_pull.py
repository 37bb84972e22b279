"""GET /api/sync/pull: the live state without a cursor; every change after it with one."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from sync.feed import cursor_for
from sync.models import SyncMetadata
from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.sync.client import change, pull, pull_all, push

pytestmark = pytest.mark.django_db(databases=["default"])


def goals(client, *ids: str, **extra):
    return push(client, [change("goal", i, {"title": i}) for i in ids], **extra)


def summary(changes: list[dict]) -> list[tuple]:
    return [(c["id"], c["seq"], c["deleted"]) for c in changes]


def test_without_a_cursor_it_answers_the_live_state_without_tombstones(auth_client):
    goals(auth_client, "g1", "g2", "g3")
    push(auth_client, [change("goal", "g2", deleted=True)])
    body = pull(auth_client).json()
    assert summary(body["changes"]) == [("g1", 1, False), ("g3", 3, False)]
    assert body["changes"][0] == {
        "type": "goal",
        "id": "g1",
        "data": {"title": "g1"},
        "version": 1,
        "seq": 1,
        "deleted": False,
    }
    assert body["hasMore"] is False


def test_with_a_cursor_it_answers_every_change_after_it_in_order_with_tombstones(auth_client):
    goals(auth_client, "g1", "g2")
    cursor = pull(auth_client).json()["cursor"]
    goals(auth_client, "g3")
    push(auth_client, [change("goal", "g1", deleted=True)])
    push(auth_client, [change("goal", "g2", {"title": "edited"})])
    changes = pull(auth_client, cursor).json()["changes"]
    assert summary(changes) == [("g3", 3, False), ("g1", 4, True), ("g2", 5, False)]
    assert changes[1] == {"type": "goal", "id": "g1", "deleted": True, "version": 2, "seq": 4}


def test_a_cursor_at_the_head_answers_nothing_and_the_same_position(auth_client):
    goals(auth_client, "g1")
    cursor = pull(auth_client).json()["cursor"]
    body = pull(auth_client, cursor).json()
    assert (body["changes"], body["hasMore"]) == ([], False)
    assert pull(auth_client, body["cursor"]).json()["changes"] == []


def test_pages_follow_the_cursor_without_losing_or_repeating_a_change(auth_client):
    goals(auth_client, *[f"g{n}" for n in range(7)])
    first = pull(auth_client, limit=3).json()
    assert (len(first["changes"]), first["hasMore"]) == (3, True)
    changes, _ = pull_all(auth_client, limit=3)
    assert [c["id"] for c in changes] == [f"g{n}" for n in range(7)]


def test_the_types_filter_answers_only_those_types(auth_client):
    goals(auth_client, "g1")
    push(auth_client, [change("practice_plan", "p1", {"title": "Plan"})])
    body = pull(auth_client, types="practice_plan,plan_template").json()
    assert [c["id"] for c in body["changes"]] == ["p1"]


def test_a_cursor_of_some_types_cannot_be_used_for_all_types(auth_client):
    goals(auth_client, "g1")
    cursor = pull(auth_client, types="goal").json()["cursor"]
    response = pull(auth_client, cursor)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
    assert pull(auth_client, cursor, types="goal").status_code == 200


@pytest.mark.parametrize("since", ["garbage", "MTo", "MTphOmI6Yzpk"])
def test_a_malformed_cursor_is_a_400(auth_client, since):
    response = pull(auth_client, since)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_another_users_cursor_is_refused(auth_client):
    other = UserFactory()
    entity_write(user=other, entity_type="goal", entity_id="g", data={})
    response = pull(auth_client, cursor_for(user_id=other.pk, seq=1).encode())
    assert response.status_code == 400


def test_it_never_answers_another_users_changes(auth_client):
    entity_write(user=UserFactory(), entity_type="goal", entity_id="theirs", data={"x": 1})
    goals(auth_client, "mine")
    assert [c["id"] for c in pull(auth_client).json()["changes"]] == ["mine"]


def test_a_cursor_before_a_purged_tombstone_is_410_cursor_expired(auth_client):
    goals(auth_client, "g1", "g2")
    cursor = cursor_for(user_id=auth_client.user.pk, seq=1).encode()
    SyncMetadata.objects.filter(user=auth_client.user).update(purged_seq=2)
    response = pull(auth_client, cursor)
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "cursor_expired"


@override_settings(SYNC_TOMBSTONE_RETENTION_DAYS=90)
def test_a_cursor_older_than_the_retention_is_410(auth_client):
    goals(auth_client, "g1")
    cursor = pull(auth_client).json()["cursor"]
    later = time.time() + 91 * 86400
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sync.feed.time.time", lambda: later)
        response = pull(auth_client, cursor)
    assert response.status_code == 410


def test_a_cursor_ahead_of_the_feed_is_410(auth_client):
    goals(auth_client, "g1")
    response = pull(auth_client, cursor_for(user_id=auth_client.user.pk, seq=99).encode())
    assert response.status_code == 410


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "x"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"types": "song"}, "types"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(auth_client, params, field):
    response = pull(auth_client, **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_it_requires_authentication(api_client):
    assert pull(api_client).status_code == 401


def test_pull_reads_only_a_fixed_number_of_queries(auth_client, django_assert_max_num_queries):
    goals(auth_client, *[f"g{n}" for n in range(30)])
    cursor = pull(auth_client).json()["cursor"]
    with django_assert_max_num_queries(8):
        pull(auth_client, cursor)
