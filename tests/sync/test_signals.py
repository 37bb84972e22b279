"""changes_committed is sent after a commit, never on rollback."""

from __future__ import annotations

import pytest
from django.db import transaction

from sync.services import entity_write
from sync.signals import changes_committed

pytestmark = pytest.mark.django_db(databases=["default"])


@pytest.fixture
def received():
    calls: list[dict] = []

    def handler(sender, **kwargs):
        calls.append(kwargs)

    changes_committed.connect(handler)
    yield calls
    changes_committed.disconnect(handler)


def test_it_is_sent_after_an_entity_write_commits(
    user, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entity_write(user=user, entity_type="goal", entity_id="g1", data={"a": 1})
    assert received == [
        {
            "signal": changes_committed,
            "user_id": user.pk,
            "changes": [{"type": "goal", "id": "g1", "version": 1, "seq": 1, "deleted": False}],
        }
    ]


def test_it_is_not_sent_for_an_unchanged_write(user, received, django_capture_on_commit_callbacks):
    entity_write(user=user, entity_type="goal", entity_id="g1", data={"a": 1})
    with django_capture_on_commit_callbacks(execute=True):
        entity_write(user=user, entity_type="goal", entity_id="g1", data={"a": 1})
    assert received == []


def test_it_is_not_sent_when_the_transaction_rolls_back(
    user, received, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(using="default"),
    ):
        entity_write(user=user, entity_type="goal", entity_id="g1", data={"a": 1})
        raise RuntimeError
    assert callbacks == []
    assert received == []
