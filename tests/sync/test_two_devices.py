"""Two devices create, edit, delete and conflict offline, sync in any order with retries,
and end with identical state: nothing lost, nothing duplicated, deletions stay deleted."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from tests.sync.devices import Device
from tests.sync.factories import logbook_data

pytestmark = pytest.mark.django_db(databases=["default"])


def entry(entity_id: str, updated_at: str, **fields) -> dict:
    return logbook_data(entity_id, updatedAt=updated_at, **fields)


@pytest.fixture
def devices(user, make_auth_client) -> tuple[Device, Device]:
    phone = Device("phone", make_auth_client(user))
    laptop = Device("laptop", make_auth_client(user))
    phone.save("logbook_entry", "e1", entry("e1", "2025-03-01T10:00:00Z", notes="first"))
    phone.save("logbook_entry", "e2", entry("e2", "2025-03-01T10:00:00Z"))
    phone.save("goal", "g1", {"id": "g1", "title": "Scales", "updatedAt": "2025-03-01T10:00:00Z"})
    phone.sync()
    laptop.sync()
    assert laptop.state() == phone.state()
    return phone, laptop


def edit_offline(phone: Device, laptop: Device) -> None:
    # e1 edited on both: the laptop's edit is later, so it must win wherever it lands.
    phone.save("logbook_entry", "e1", entry("e1", "2025-03-02T09:00:00Z", notes="phone"))
    laptop.save("logbook_entry", "e1", entry("e1", "2025-03-02T11:00:00Z", notes="laptop"))
    # e2 edited on the laptop, then deleted later on the phone: the delete must win.
    laptop.save("logbook_entry", "e2", entry("e2", "2025-03-02T08:00:00Z", duration=45))
    phone.delete("logbook_entry", "e2", "2025-03-02T12:00:00Z")
    # New entries on each side, and a goal edited on one side only.
    phone.save("logbook_entry", "e3", entry("e3", "2025-03-02T09:30:00Z"))
    laptop.save("logbook_entry", "e4", entry("e4", "2025-03-02T10:30:00Z", type="lesson"))
    laptop.save(
        "goal", "g1", {"id": "g1", "title": "Arpeggios", "updatedAt": "2025-03-02T07:00:00Z"}
    )


@pytest.mark.parametrize("first", ["phone", "laptop"])
def test_two_devices_converge_without_losing_or_duplicating_anything(devices, user, first):
    phone, laptop = devices
    edit_offline(phone, laptop)
    order = [phone, laptop] if first == "phone" else [laptop, phone]
    order[0].sync(lose_first_answer=True)  # the answer is lost; the retry replays it
    order[1].sync(lose_first_answer=True)
    order[0].sync()
    order[1].sync()

    assert phone.state() == laptop.state()
    notes = {key[1]: value[0].get("notes") for key, value in phone.state().items()}
    assert sorted(notes) == ["e1", "e3", "e4", "g1"]
    assert notes["e1"] == "laptop"
    assert phone.state()[("goal", "g1")][0]["title"] == "Arpeggios"
    live = SyncData.objects.filter(user=user, deleted_at__isnull=True)
    assert sorted(live.values_list("entity_id", flat=True)) == ["e1", "e3", "e4", "g1"]
    assert {(row.entity_type, row.entity_id): (row.data, row.version) for row in live} == (
        phone.state()
    )
    assert SyncData.objects.get(user=user, entity_id="e2").deleted_at is not None


def test_a_new_device_catches_up_with_the_full_state_and_then_follows_changes(
    devices, user, make_auth_client
):
    phone, laptop = devices
    edit_offline(phone, laptop)
    phone.sync()
    laptop.sync()
    tablet = Device("tablet", make_auth_client(user))
    tablet.sync()
    assert tablet.state() == laptop.state()
    laptop.delete("logbook_entry", "e3", "2025-03-03T00:00:00Z")
    laptop.sync()
    tablet.sync()
    assert ("logbook_entry", "e3") not in tablet.state()
    assert tablet.state() == laptop.state()
