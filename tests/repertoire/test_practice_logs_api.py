"""`/api/practice/logs`: practice logs over REST are logbook entries in the sync store."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from sync.signals import changes_committed
from tests.repertoire.practice_support import LOGS, log_body, post_log, pulled, push
from tests.sync.factories import logbook_data

pytestmark = pytest.mark.django_db(databases=["default"])


def _stored(user, entry_id):
    return SyncData.objects.get(user=user, entity_type="logbook_entry", entity_id=entry_id)


def test_a_log_posted_over_rest_is_a_logbook_entry_every_device_pulls(auth_client):
    log = post_log(auth_client, id="entry_rest_1", activityType="Scales", selfRating=7)
    assert (log["id"], log["version"], log["activityType"], log["selfRating"]) == (
        "entry_rest_1",
        1,
        "scales",
        7,
    )
    change = pulled(auth_client, "logbook_entry")["entry_rest_1"]
    assert change["version"] == 1
    assert change["data"]["activityType"] == "scales" and change["data"]["type"] == "practice"


def test_a_log_pushed_by_a_device_is_listed_over_rest(auth_client):
    push(auth_client, "logbook_entry", logbook_data("entry_phone", selfRating=4, myField=[1]))
    [item] = auth_client.get(LOGS).json()["items"]
    assert (item["id"], item["selfRating"], item["data"]["myField"]) == ("entry_phone", 4, [1])


def test_the_live_socket_hears_of_a_rest_log(auth_client, django_capture_on_commit_callbacks):
    heard = []

    def listener(**kw):
        heard.append(kw["changes"])

    changes_committed.connect(listener, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_log(auth_client, id="entry_live")
    finally:
        changes_committed.disconnect(listener)
    assert [c["id"] for c in heard[-1]] == ["entry_live"]


def test_the_designs_assessment_fields_are_kept_where_the_logbook_has_them(auth_client):
    log = post_log(
        auth_client,
        accuracy=92.5,
        notesPlayed=200,
        notesCorrect=180,
        focusAreas=["rhythm", "dynamics"],
        tempoPracticed=72,
        targetTempo=96,
        pieces=[{"title": "Prelude in C", "composer": "J.S. Bach", "section": "bars 1-16"}],
        metadata={"source": "manual"},
    )
    data = _stored(auth_client.user, log["id"]).data
    assert data["metadata"] == {
        "source": "manual",
        "accuracy": 92.5,
        "notesPlayed": 200,
        "notesCorrect": 180,
        "focusAreas": ["rhythm", "dynamics"],
    }
    assert (data["tempoPracticed"], data["targetTempo"]) == (72, 96)
    assert data["pieces"][0]["section"] == "bars 1-16"
    assert (log["accuracy"], log["focusAreas"], log["pieces"][0]["section"]) == (
        92.5,
        ["rhythm", "dynamics"],
        "bars 1-16",
    )


def test_accuracy_is_read_from_the_notes_when_not_given(auth_client):
    log = post_log(auth_client, notesPlayed=200, notesCorrect=150)
    assert log["accuracy"] == 75.0


def test_fields_the_server_does_not_know_are_kept_exactly(auth_client):
    log = post_log(
        auth_client, my_own={"Kept": True}, pieces=[{"title": "Étude", "fingering": "1-2-3"}]
    )
    data = _stored(auth_client.user, log["id"]).data
    assert data["my_own"] == {"Kept": True} and data["pieces"][0]["fingering"] == "1-2-3"


def test_the_end_time_and_seconds_are_derived_from_start_and_minutes(auth_client):
    log = post_log(auth_client, timestamp="2025-03-03T18:00:00+01:00", duration=45)
    assert (log["timestamp"], log["endTime"], log["durationSeconds"]) == (
        "2025-03-03T17:00:00Z",
        "2025-03-03T17:45:00Z",
        2700,
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"selfRating": 11}, "selfRating"),
        ({"selfRating": 0}, "selfRating"),
        ({"activityType": "juggling"}, "activityType"),
        ({"tempoPracticed": 0}, "tempoPracticed"),
        ({"targetTempo": 401}, "targetTempo"),
        ({"accuracy": 100.5}, "accuracy"),
        ({"notesPlayed": 10, "notesCorrect": 11}, "notesCorrect"),
        ({"duration": -1}, "duration"),
        ({"duration": "30"}, "duration"),
        ({"timestamp": "yesterday"}, "timestamp"),
        ({"timestamp": "2025-03-03T18:00:00"}, "timestamp"),
        ({"mood": "proud"}, "mood"),
        ({"focusAreas": "rhythm"}, "focusAreas"),
        ({"pieces": [{"composer": "Bach"}]}, "pieces"),
        ({"deletedAt": "2025-03-03T18:00:00Z"}, "deletedAt"),
        ({"metadata": {"accuracy": "high"}}, "metadata.accuracy"),
    ],
)
def test_a_bad_field_is_a_400_naming_it_and_nothing_is_stored(auth_client, fields, field):
    response = auth_client.post(LOGS, log_body(**fields), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["details"]
    assert not SyncData.objects.filter(user=auth_client.user).exists()


def test_timestamp_and_duration_are_required(auth_client):
    response = auth_client.post(LOGS, {}, format="json")
    assert set(response.json()["error"]["details"]) == {"timestamp", "duration"}


def test_a_taken_id_is_a_409(auth_client):
    post_log(auth_client, id="entry_twice")
    response = auth_client.post(LOGS, log_body(id="entry_twice"), format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "already_exists"


def test_another_users_log_is_a_404_for_every_method(auth_client, make_auth_client, user):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory())
    log_id = post_log(other, id="entry_theirs")["id"]
    url = f"{LOGS}/{log_id}"
    assert auth_client.get(url).status_code == 404
    assert auth_client.put(url, log_body(), format="json").status_code == 404
    assert auth_client.patch(url, {"notes": "mine"}, format="json").status_code == 404
    assert auth_client.delete(url).status_code == 404
    assert _stored(other.user, log_id).version == 1


def test_the_etag_is_the_version_and_a_matching_if_match_applies(auth_client):
    log = post_log(auth_client)
    url = f"{LOGS}/{log['id']}"
    assert auth_client.get(url)["ETag"] == '"1"'
    response = auth_client.patch(url, {"notes": "slower"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert (response.json()["version"], response["ETag"]) == (2, '"2"')


def test_a_rest_edit_based_on_a_version_a_device_replaced_is_a_412(auth_client):
    log = post_log(auth_client, id="entry_shared", notes="first")
    newer = logbook_data("entry_shared", notes="from the phone", updatedAt="2030-01-01T00:00:00Z")
    push(auth_client, "logbook_entry", newer, baseVersion=1)
    response = auth_client.patch(
        f"{LOGS}/{log['id']}", {"notes": "from the laptop"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 412
    assert response.json()["error"]["details"]["currentVersion"] == 2
    assert _stored(auth_client.user, "entry_shared").data["notes"] == "from the phone"


def test_a_stale_if_match_on_delete_is_a_412_and_deletes_nothing(auth_client):
    log = post_log(auth_client)
    auth_client.patch(f"{LOGS}/{log['id']}", {"notes": "v2"}, format="json")
    response = auth_client.delete(f"{LOGS}/{log['id']}", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert _stored(auth_client.user, log["id"]).deleted_at is None


@pytest.mark.parametrize("header", ["3", '"1", "5"', "*"])
def test_if_match_takes_bare_listed_and_any_tags(auth_client, header):
    log = post_log(auth_client)
    auth_client.patch(f"{LOGS}/{log['id']}", {"notes": "v2"}, format="json")
    auth_client.patch(f"{LOGS}/{log['id']}", {"notes": "v3"}, format="json")
    response = auth_client.patch(
        f"{LOGS}/{log['id']}", {"notes": "v4"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == (412 if header == '"1", "5"' else 200)


@pytest.mark.parametrize("header", ["abc", '"1"x', "W"])
def test_a_malformed_if_match_is_a_400(auth_client, header):
    log = post_log(auth_client)
    response = auth_client.patch(
        f"{LOGS}/{log['id']}", {"notes": "x"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 400 and "If-Match" in response.json()["error"]["details"]


def test_a_weak_tag_never_matches(auth_client):
    log = post_log(auth_client)
    response = auth_client.patch(
        f"{LOGS}/{log['id']}", {"notes": "x"}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert response.status_code == 412


def test_patch_keeps_every_field_it_does_not_name(auth_client):
    push(auth_client, "logbook_entry", logbook_data("entry_dev", deviceOnly={"a": 1}))
    response = auth_client.patch(f"{LOGS}/entry_dev", {"selfRating": 8}, format="json")
    data = _stored(auth_client.user, "entry_dev").data
    assert response.json()["selfRating"] == 8
    assert data["deviceOnly"] == {"a": 1} and data["pieces"][0]["title"] == "Moonlight Sonata"


def test_patch_moves_design_fields_into_metadata_beside_the_stored_ones(auth_client):
    push(auth_client, "logbook_entry", logbook_data("entry_m", metadata={"source": "timer"}))
    auth_client.patch(f"{LOGS}/entry_m", {"accuracy": 80}, format="json")
    metadata = _stored(auth_client.user, "entry_m").data["metadata"]
    assert metadata == {"source": "timer", "accuracy": 80}


def test_a_patch_that_changes_nothing_creates_no_new_version(auth_client):
    log = post_log(auth_client, notes="same")
    response = auth_client.patch(f"{LOGS}/{log['id']}", {"notes": "same"}, format="json")
    assert response.json()["version"] == 1
    assert _stored(auth_client.user, log["id"]).version == 1


def test_put_replaces_the_whole_log_but_keeps_its_created_at(auth_client):
    log = post_log(auth_client, notes="old", selfRating=3, createdAt="2025-03-03T18:30:00Z")
    response = auth_client.put(
        f"{LOGS}/{log['id']}", log_body(duration=50, activityType="etudes"), format="json"
    )
    data = _stored(auth_client.user, log["id"]).data
    assert response.status_code == 200 and response.json()["selfRating"] is None
    assert (data["duration"], data["activityType"], data["createdAt"]) == (
        50,
        "etudes",
        "2025-03-03T18:30:00Z",
    )
    assert "notes" not in data


def test_an_id_in_the_body_of_an_edit_must_be_the_paths(auth_client):
    log = post_log(auth_client)
    response = auth_client.patch(f"{LOGS}/{log['id']}", {"id": "entry_other"}, format="json")
    assert response.status_code == 400 and "id" in response.json()["error"]["details"]
    assert not SyncData.objects.filter(entity_id="entry_other").exists()


def test_delete_leaves_a_tombstone_every_device_pulls(auth_client):
    log = post_log(auth_client)
    assert auth_client.delete(f"{LOGS}/{log['id']}").status_code == 204
    assert auth_client.get(f"{LOGS}/{log['id']}").status_code == 404
    change = pulled(auth_client, "logbook_entry")
    assert log["id"] not in change  # a first sync shows live entities only
    assert _stored(auth_client.user, log["id"]).deleted_at is not None


def test_a_session_of_another_user_is_a_404(auth_client, make_auth_client):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory(primary_instrument="piano"))
    session = other.post(
        "/api/practice/sessions/start", {"sessionType": "guided"}, format="json"
    ).json()
    response = auth_client.post(LOGS, log_body(sessionId=session["id"]), format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"


def test_a_private_template_of_another_user_is_a_404(auth_client, make_auth_client):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory())
    other.post("/api/practice/templates", {"id": "tpl_x", "title": "Scales"}, format="json")
    response = auth_client.post(LOGS, log_body(templateId="tpl_x"), format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "template_not_found"


def test_writes_need_a_token(api_client):
    assert api_client.post(LOGS, log_body(), format="json").status_code == 401
    assert api_client.get(LOGS).status_code == 401
