"""POST /api/templates/adopt: a plan and its first occurrence, as the caller's sync entities."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def _template(user, template_id="tpl_1", **fields):
    data = {
        "id": template_id,
        "authorId": user.pk,
        "title": "Scales bootcamp",
        "type": "bootcamp",
        "focusAreas": ["evenness"],
        "techniques": ["scales"],
        "pieceRefs": [],
        "schedule": {"kind": "single", "durationMinutes": 30, "flexibility": "fixed"},
        "tags": ["warmup"],
        "templateVersion": 2,
        "visibility": "public",
        "metadata": {"preview": {"segments": [{"label": "  Warm up "}, {"label": ""}]}},
        **fields,
    }
    return entity_write(user=user, entity_type="plan_template", entity_id=template_id, data=data)


def _plans(user, entity_type="practice_plan"):
    return list(SyncData.objects.filter(user=user, entity_type=entity_type))


def test_it_adopts_a_public_template_into_a_private_active_plan_and_occurrence(auth_client):
    author = UserFactory()
    _template(author)
    response = auth_client.post(
        "/api/templates/adopt",
        {
            "templateId": "tpl_1",
            "customization": {
                "focusAreas": ["tone"],
                "tags": ["warmup", "daily"],
                "schedule": {"startDate": "2025-03-01", "timeOfDay": "18:30"},
            },
            "timeZone": "Europe/Paris",
        },
    )
    assert response.status_code == 201
    body = response.json()
    plan, [occurrence] = body["plan"], body["occurrences"]
    assert plan["title"] == "Scales bootcamp (Copy)"
    assert (plan["visibility"], plan["status"], plan["ownerId"]) == (
        "private",
        "active",
        auth_client.user.pk,
    )
    assert plan["focusAreas"] == ["evenness", "tone"] and plan["tags"] == ["warmup", "daily"]
    assert plan["sourceTemplateId"] == "tpl_1" and plan["metadata"]["adoptedFrom"] == "tpl_1"
    assert occurrence["scheduledStart"] == "2025-03-01T17:30:00Z"
    assert occurrence["scheduledEnd"] == "2025-03-01T18:00:00Z"
    assert occurrence["flexWindow"] is None and occurrence["planId"] == plan["id"]
    assert [s["label"] for s in occurrence["segments"]] == ["Warm up", "Segment 2"]
    [stored_plan] = _plans(auth_client.user)
    [stored_occurrence] = _plans(auth_client.user, "plan_occurrence")
    assert stored_plan.data == plan and stored_occurrence.data == occurrence
    assert stored_plan.seq and stored_occurrence.seq > stored_plan.seq


def test_adoption_counts_on_the_authors_template_as_a_new_version(auth_client):
    author = UserFactory()
    _template(author)
    auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"})
    template = SyncData.objects.get(user=author, entity_type="plan_template")
    assert (template.data["adoptionCount"], template.version) == (1, 2)


def test_the_callers_own_private_template_can_be_adopted(auth_client):
    _template(auth_client.user, visibility="private")
    response = auth_client.post(
        "/api/templates/adopt", {"templateId": "tpl_1", "customization": {"title": "Mine"}}
    )
    assert response.status_code == 201 and response.json()["plan"]["title"] == "Mine"


def test_another_users_private_template_is_a_404_and_nothing_is_written(auth_client):
    _template(UserFactory(), visibility="private")
    response = auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "template_not_found"
    assert not SyncData.objects.filter(user=auth_client.user).exists()


def test_a_deleted_or_missing_template_is_a_404(auth_client):
    author = UserFactory()
    _template(author)
    entity_write(
        user=author, entity_type="plan_template", entity_id="tpl_1", data=None, deleted=True
    )
    assert auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"}).status_code == 404
    assert auth_client.post("/api/templates/adopt", {"templateId": "nope"}).status_code == 404


def test_an_odd_template_still_adopts_with_defaults(auth_client):
    author = UserFactory()
    entity_write(
        user=author,
        entity_type="plan_template",
        entity_id="odd",
        data={"visibility": "public", "schedule": "weekly", "tags": "x", "title": 5},
    )
    response = auth_client.post("/api/templates/adopt", {"templateId": "odd"})
    assert response.status_code == 201
    plan = response.json()["plan"]
    assert (plan["title"], plan["type"], plan["tags"]) == ("Practice plan (Copy)", "custom", [])


def test_bad_customization_is_a_400_naming_the_field(auth_client):
    _template(UserFactory())
    for customization, field in (
        ({"schedule": {"timeOfDay": "25:00"}}, "customization"),
        ({"schedule": {"durationMinutes": 0}}, "customization"),
        ({"schedule": {"startDate": "soon"}}, "customization"),
    ):
        response = auth_client.post(
            "/api/templates/adopt", {"templateId": "tpl_1", "customization": customization}
        )
        assert response.status_code == 400 and field in response.json()["error"]["details"]
    response = auth_client.post(
        "/api/templates/adopt", {"templateId": "tpl_1", "timeZone": "Mars/X"}
    )
    assert response.status_code == 400 and "timeZone" in response.json()["error"]["details"]
    assert not _plans(auth_client.user)


def test_segments_come_from_the_source_plans_latest_occurrence(auth_client):
    author = UserFactory()
    entity_write(
        user=author,
        entity_type="plan_occurrence",
        entity_id="occ_1",
        data={"planId": "plan_src", "segments": [{"label": "Etude", "durationMinutes": 10}]},
    )
    _template(author, sourcePlanId="plan_src")
    occurrence = auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"}).json()[
        "occurrences"
    ][0]
    assert occurrence["segments"] == [{"label": "Etude", "durationMinutes": 10}]


def test_a_start_date_at_the_end_of_the_calendar_is_a_400_and_nothing_is_written(auth_client):
    # 9999-12-31 plus the plan's duration does not fit in a datetime: it was a 500.
    _template(UserFactory())
    for start in ("9999-12-31", "9999-12-31T23:59:00Z", "0001-01-01T00:00:00+14:00"):
        body = {
            "templateId": "tpl_1",
            "customization": {"schedule": {"startDate": start, "timeOfDay": "23:59"}},
            "timeZone": "Pacific/Kiritimati",
        }
        response = auth_client.post("/api/templates/adopt", body)
        assert response.status_code == 400
        assert "customization" in response.json()["error"]["details"]
    assert not _plans(auth_client.user) and not _plans(auth_client.user, "plan_occurrence")


def test_a_templates_own_start_date_out_of_range_is_ignored(auth_client):
    schedule = {"kind": "single", "durationMinutes": 1440, "startDate": "9999-12-31"}
    _template(UserFactory(), schedule=schedule)
    response = auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"})
    assert response.status_code == 201
    [occurrence] = response.json()["occurrences"]
    assert occurrence["scheduledStart"] < "9999" and occurrence["scheduledEnd"] < "9999"
    [stored] = _plans(auth_client.user, "plan_occurrence")
    assert stored.data == occurrence


def test_an_adoption_count_at_the_64_bit_limit_stays_encodable(auth_client):
    # An author's template could carry any number; adding one past 2**64 - 1 was a 500.
    author = UserFactory()
    _template(author, adoptionCount=2**64 - 1)
    response = auth_client.post("/api/templates/adopt", {"templateId": "tpl_1"})
    assert response.status_code == 201
    template = SyncData.objects.get(user=author, entity_type="plan_template")
    assert template.data["adoptionCount"] == 2**53 - 1
    assert len(_plans(auth_client.user)) == 1
