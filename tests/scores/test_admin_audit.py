"""Staff edits of curated collections reach the audit trail (accounts)."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import AuditEvent, AuditPseudonym
from tests.accounts.factories import UserFactory
from tests.scores.factories import CollectionFactory, ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


@pytest.fixture
def staff():
    client = Client()
    client.staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(client.staff)
    AuditEvent.objects.all().delete()  # force_login's sign-in
    return client


def test_adding_a_curated_collection_with_members_is_recorded(staff):
    score = ScoreFactory()
    data = {
        "name": "Staff picks",
        "slug": "staff-picks",
        "description": "",
        "instrument": "",
        "difficulty": "",
        "display_order": "0",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-score": score.id,
        "members-0-display_order": "1",
    }
    assert staff.post("/admin/scores/collection/add/", data).status_code == 302
    (event,) = AuditEvent.objects.filter(action="admin_add")
    assert event.target_type == "scores.collection"
    assert event.actor_ref == AuditPseudonym.objects.get(user=staff.staff).ref


def test_featuring_collections_in_bulk_is_recorded_with_the_count(staff):
    collections = [CollectionFactory(is_featured=False) for _ in range(2)]
    staff.post(
        "/admin/scores/collection/",
        {"action": "feature", "_selected_action": [c.pk for c in collections]},
    )
    (event,) = AuditEvent.objects.filter(action="admin_action")
    assert (event.target_type, event.detail) == (
        "scores.collection",
        {"name": "feature", "count": 2},
    )
