"""Legacy template adoption (the client's calls §8, P1): our adoption rule, the original's
answer."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.legacy.main_support import API, assert_legacy_error

pytestmark = pytest.mark.django_db(databases=["default"])

ADOPT = f"{API}/templates/adopt"


def _template(user, visibility: str = "public", template_id: str = "template_1") -> None:
    data = {
        "id": template_id,
        "authorId": user.pk,
        "title": "Scales bootcamp",
        "type": "bootcamp",
        "focusAreas": ["evenness"],
        "techniques": [],
        "pieceRefs": [],
        "schedule": {"kind": "single", "durationMinutes": 30, "flexibility": "same-day"},
        "tags": ["warmup"],
        "templateVersion": 1,
        "visibility": visibility,
        "metadata": {"preview": {"segments": [{"label": "Scales", "durationMinutes": 10}]}},
    }
    entity_write(user=user, entity_type="plan_template", entity_id=template_id, data=data)


def _stored(user, entity_type: str) -> list[SyncData]:
    return list(SyncData.objects.filter(user=user, entity_type=entity_type))


def test_adopting_answers_success_with_the_plan_and_its_occurrence(auth_client):
    _template(UserFactory())
    body = {
        "templateId": "template_1",
        "customization": {
            "title": "My scales",
            "tags": ["daily"],
            "schedule": {"startDate": "2025-03-01", "timeOfDay": "18:30", "extra": "dropped"},
        },
    }
    response = auth_client.post(ADOPT, body)
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is True
    plan, [occurrence] = answer["plan"], answer["occurrences"]
    assert (plan["title"], plan["status"], plan["visibility"]) == ("My scales", "active", "private")
    assert plan["tags"] == ["warmup", "daily"] and plan["sourceTemplateId"] == "template_1"
    assert occurrence["planId"] == plan["id"]
    assert occurrence["scheduledStart"] == "2025-03-01T18:30:00Z"  # no time zone: UTC
    [stored_plan] = _stored(auth_client.user, "practice_plan")
    assert stored_plan.data == plan
    assert _stored(auth_client.user, "plan_occurrence")[0].data == occurrence


def test_another_users_private_template_is_a_legacy_404(auth_client):
    _template(UserFactory(), visibility="private")
    assert_legacy_error(auth_client.post(ADOPT, {"templateId": "template_1"}), 404)
    assert not _stored(auth_client.user, "practice_plan")


def test_a_bad_customization_is_a_legacy_400(auth_client):
    _template(UserFactory())
    body = {"templateId": "template_1", "customization": {"schedule": {"timeOfDay": "25:00"}}}
    assert_legacy_error(auth_client.post(ADOPT, body), 400)
    assert_legacy_error(auth_client.post(ADOPT, {}), 400)
    assert not _stored(auth_client.user, "practice_plan")


def test_adopting_needs_a_token(api_client):
    _template(UserFactory())
    assert_legacy_error(api_client.post(ADOPT, {"templateId": "template_1"}), 401)
