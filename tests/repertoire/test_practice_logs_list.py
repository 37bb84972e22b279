"""`GET /api/practice/logs`: filters, ordering and pages over the live logbook."""

from __future__ import annotations

import pytest

from tests.repertoire.factories import LogbookEntryFactory, entry_data
from tests.repertoire.practice_support import LOGS, post_log

pytestmark = pytest.mark.django_db(databases=["default"])


def _ids(client, **query):
    response = client.get(LOGS, query)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def logs(auth_client):
    post_log(
        auth_client,
        id="a",
        timestamp="2025-03-01T10:00:00Z",
        activityType="scales",
        selfRating=3,
        instrument="Guitar",
        duration=10,
    )
    post_log(
        auth_client,
        id="b",
        timestamp="2025-03-02T10:00:00Z",
        activityType="etudes",
        selfRating=8,
        duration=50,
        pieces=[{"title": "Prelude in C", "composer": "J.S. Bach"}],
    )
    post_log(
        auth_client, id="c", timestamp="2025-03-03T23:30:00Z", activityType="scales", duration=30
    )
    return auth_client


def test_newest_first_by_default(logs):
    assert _ids(logs) == ["c", "b", "a"]


@pytest.mark.parametrize(
    "ordering, expected",
    [
        ("timestamp", ["a", "b", "c"]),
        ("duration", ["a", "c", "b"]),
        ("-selfRating", ["b", "a", "c"]),
    ],
)
def test_ordering(logs, ordering, expected):
    assert _ids(logs, ordering=ordering) == expected


def test_filters_by_activity_instrument_and_rating(logs):
    assert _ids(logs, activityType="scales") == ["c", "a"]
    assert _ids(logs, instrument="GUITAR") == ["a"]
    assert _ids(logs, minRating=5) == ["b"]
    assert _ids(logs, maxRating=5) == ["a"]


def test_filters_by_piece_id_normalised_like_a_score_id(logs):
    assert _ids(logs, piece="Prelude in C-JS Bach") == ["b"]


def test_a_date_range_is_whole_local_days_in_the_time_zone(logs):
    # 23:30 UTC on 3 March is 4 March in Tokyo.
    assert _ids(logs, **{"from": "2025-03-02", "to": "2025-03-03"}) == ["c", "b"]
    assert _ids(logs, **{"from": "2025-03-02", "to": "2025-03-03", "tz": "Asia/Tokyo"}) == ["b"]


def test_filters_by_session(auth_client):
    auth_client.user.primary_instrument = "piano"
    auth_client.user.save()
    session = auth_client.post(
        "/api/practice/sessions/start", {"sessionType": "free_practice"}, format="json"
    ).json()
    post_log(auth_client, id="in", sessionId=session["id"])
    post_log(auth_client, id="out")
    assert _ids(auth_client, sessionId=session["id"]) == ["in"]


def test_pages(logs):
    body = logs.get(LOGS, {"limit": 2, "offset": 1}).json()
    assert ([i["id"] for i in body["items"]], body["total"], body["hasMore"]) == (
        ["b", "a"],
        3,
        False,
    )
    assert logs.get(LOGS, {"limit": 1}).json()["hasMore"] is True


def test_entries_older_clients_stored_are_listed_with_what_can_be_read(auth_client):
    LogbookEntryFactory(user=auth_client.user, entity_id="old", data={"timestamp": "soon"})
    [item] = auth_client.get(LOGS).json()["items"]
    assert (item["id"], item["timestamp"], item["duration"], item["activityType"]) == (
        "old",
        None,
        0.0,
        None,
    )


def test_deleted_entries_and_other_users_logs_are_not_listed(auth_client):
    LogbookEntryFactory(
        user=auth_client.user, data=entry_data(at="2025-01-06T10:00:00Z"), deleted=True
    )
    LogbookEntryFactory(data=entry_data(at="2025-01-06T10:00:00Z"))
    assert auth_client.get(LOGS).json()["total"] == 0


@pytest.mark.parametrize(
    "query, field",
    [
        ({"minRating": 0}, "minRating"),
        ({"maxRating": 11}, "maxRating"),
        ({"minRating": 8, "maxRating": 3}, "maxRating"),
        ({"activityType": "nap"}, "activityType"),
        ({"ordering": "mood"}, "ordering"),
        ({"from": "March"}, "from"),
        ({"tz": "Mars/Base"}, "tz"),
        ({"limit": -1}, "limit"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(auth_client, query, field):
    response = auth_client.get(LOGS, query)
    assert response.status_code == 400 and field in response.json()["error"]["details"]
