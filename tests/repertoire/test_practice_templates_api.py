"""`/api/practice/templates`: the design's templates over the planning screens' entities."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.repertoire.practice_support import TEMPLATES, pulled, push

pytestmark = pytest.mark.django_db(databases=["default"])

DESIGN_TEMPLATE = {
    "id": "tpl_bach",
    "title": "Bach warm-up",
    "activityType": "Warm_Up",
    "instrument": "Piano",
    "pieceRefs": [{"title": "Prelude in C", "composer": "J.S. Bach", "section": "bars 1-8"}],
    "tempo": 80,
    "durationMinutes": 15,
    "focusAreas": ["evenness"],
    "myNote": "kept",
}


def _stored(user, template_id):
    return SyncData.objects.get(user=user, entity_type="plan_template", entity_id=template_id)


def test_a_template_is_a_plan_template_the_planning_screens_and_devices_see(auth_client):
    response = auth_client.post(TEMPLATES, DESIGN_TEMPLATE, format="json")
    assert response.status_code == 201, response.content
    data = _stored(auth_client.user, "tpl_bach").data
    assert (data["title"], data["activityType"], data["instrument"]) == (
        "Bach warm-up",
        "warm_up",
        "piano",
    )
    assert data["schedule"] == {"kind": "single", "durationMinutes": 15}
    assert (data["authorId"], data["visibility"], data["type"]) == (
        auth_client.user.pk,
        "private",
        "custom",
    )
    assert data["myNote"] == "kept" and data["pieceRefs"][0]["section"] == "bars 1-8"
    assert "tpl_bach" in pulled(auth_client, "plan_template")
    body = response.json()
    assert (body["durationMinutes"], body["tempo"], body["pieceRefs"][0]["composer"]) == (
        15,
        80,
        "J.S. Bach",
    )


def test_the_list_has_the_callers_templates_the_planning_screens_made_too(auth_client):
    push(auth_client, "plan_template", {"id": "tpl_plan", "title": "Made by planning"})
    auth_client.post(TEMPLATES, DESIGN_TEMPLATE, format="json")
    other = UserFactory()
    push_other = {"id": "tpl_theirs", "title": "Not mine", "visibility": "public"}
    from sync.services import entity_write

    entity_write(user=other, entity_type="plan_template", entity_id="tpl_theirs", data=push_other)
    items = auth_client.get(TEMPLATES).json()["items"]
    assert sorted(item["id"] for item in items) == ["tpl_bach", "tpl_plan"]


def test_a_template_update_honours_if_match(auth_client):
    auth_client.post(TEMPLATES, DESIGN_TEMPLATE, format="json")
    url = f"{TEMPLATES}/tpl_bach"
    ok = auth_client.patch(url, {"tempo": 88}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok.json()["tempo"], ok["ETag"]) == (200, 88, '"2"')
    stale = auth_client.patch(url, {"tempo": 92}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert _stored(auth_client.user, "tpl_bach").data["tempo"] == 88


def test_a_deleted_template_is_a_tombstone(auth_client):
    auth_client.post(TEMPLATES, DESIGN_TEMPLATE, format="json")
    assert auth_client.delete(f"{TEMPLATES}/tpl_bach").status_code == 204
    assert _stored(auth_client.user, "tpl_bach").deleted_at is not None
    assert auth_client.get(f"{TEMPLATES}/tpl_bach").status_code == 404


def test_another_users_template_is_a_404_even_when_public(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    other.post(TEMPLATES, {**DESIGN_TEMPLATE, "visibility": "public"}, format="json")
    url = f"{TEMPLATES}/tpl_bach"
    assert auth_client.get(url).status_code == 404
    assert auth_client.patch(url, {"tempo": 1}, format="json").status_code == 404
    assert auth_client.delete(url).status_code == 404
    assert _stored(other.user, "tpl_bach").version == 1


@pytest.mark.parametrize(
    "body, field",
    [
        ({"title": ""}, "title"),
        ({}, "title"),
        ({"title": "T", "tempo": 0}, "tempo"),
        ({"title": "T", "activityType": "nap"}, "activityType"),
        ({"title": "T", "pieceRefs": [{"composer": "Bach"}]}, "pieceRefs"),
        ({"title": "T", "visibility": "shared"}, "visibility"),
        ({"title": "T", "adoptionCount": 5}, "adoptionCount"),
        ({"title": "T", "durationMinutes": 0}, "durationMinutes"),
    ],
)
def test_a_bad_template_is_a_400_naming_the_field(auth_client, body, field):
    response = auth_client.post(TEMPLATES, body, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["details"]
    assert not SyncData.objects.filter(entity_type="plan_template").exists()


def test_an_odd_template_the_planning_screens_made_reads_with_defaults(auth_client):
    push(auth_client, "plan_template", {"id": "odd", "pieceRefs": "x", "schedule": 3, "tempo": "x"})
    body = auth_client.get(f"{TEMPLATES}/odd").json()
    assert (body["title"], body["pieceRefs"], body["durationMinutes"], body["tempo"]) == (
        "",
        [],
        None,
        None,
    )


def test_an_id_in_an_edit_must_be_the_paths(auth_client):
    auth_client.post(TEMPLATES, DESIGN_TEMPLATE, format="json")
    response = auth_client.patch(f"{TEMPLATES}/tpl_bach", {"id": "other"}, format="json")
    assert response.status_code == 400 and "id" in response.json()["error"]["details"]
