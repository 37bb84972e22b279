"""The sync admin is read-only for staff: lists and filters render; nothing can be changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sync.models import IdempotencyKey
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def seeded(user):
    entity_write(user=user, entity_type="goal", entity_id="g-live", data={"t": 1})
    entity_write(user=user, entity_type="logbook_entry", entity_id="e-gone", data={"t": 1})
    entity_write(
        user=user, entity_type="logbook_entry", entity_id="e-gone", data=None, deleted=True
    )
    IdempotencyKey.objects.create(
        user=user, key="k1", request_hash="h", response={}, expires_at=timezone.now() + timedelta(1)
    )
    return user


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", ["g-live", "e-gone"], []),
        ("?entity_type=goal", ["g-live"], ["e-gone"]),
        ("?deleted=yes", ["e-gone"], ["g-live"]),
        ("?deleted=no", ["g-live"], ["e-gone"]),
    ],
)
def test_sync_data_lists_and_filters_by_type_and_deleted(
    staff_client, seeded, query, shown, hidden
):
    html = staff_client.get(f"/admin/sync/syncdata/{query}").content.decode()
    assert all(entity in html for entity in shown)
    assert not any(entity in html for entity in hidden)


@pytest.mark.parametrize("model", ["syncdata", "syncmetadata", "idempotencykey"])
def test_each_sync_model_is_listed_but_cannot_be_added(staff_client, seeded, model):
    assert staff_client.get(f"/admin/sync/{model}/").status_code == 200
    assert staff_client.get(f"/admin/sync/{model}/add/").status_code == 403


def test_an_entity_cannot_be_changed_or_deleted_from_the_admin(staff_client, seeded):
    row = seeded.sync_entities.get(entity_id="g-live")
    page = staff_client.get(f"/admin/sync/syncdata/{row.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = staff_client.post(f"/admin/sync/syncdata/{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert seeded.sync_entities.filter(pk=row.pk).exists()


def test_non_staff_users_cannot_open_the_sync_admin(client, user):
    client.force_login(user)
    assert client.get("/admin/sync/syncdata/").status_code == 302
