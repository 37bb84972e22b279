"""sync.selectors.entity_get and entities_live return only the user's live rows; feed_head
gives the user's own last feed position."""

from __future__ import annotations

import pytest

from sync.selectors import entities_live, entity_get, feed_head
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def goal(user, entity_id, **kwargs):
    return entity_write(
        user=user, entity_type="goal", entity_id=entity_id, data={"title": entity_id}, **kwargs
    )


def test_entity_get_returns_a_live_entity(user):
    goal(user, "g1")
    assert entity_get(user=user, entity_type="goal", entity_id="g1").data == {"title": "g1"}


def test_entity_get_returns_none_for_a_deleted_entity(user):
    goal(user, "g1")
    entity_write(user=user, entity_type="goal", entity_id="g1", data=None, deleted=True)
    assert entity_get(user=user, entity_type="goal", entity_id="g1") is None


def test_entity_get_never_returns_another_users_entity(user):
    goal(UserFactory(), "g1")
    assert entity_get(user=user, entity_type="goal", entity_id="g1") is None


def test_entities_live_lists_one_type_of_one_user_without_tombstones(user):
    goal(user, "g1")
    goal(user, "g2")
    goal(user, "gone")
    entity_write(user=user, entity_type="goal", entity_id="gone", data=None, deleted=True)
    entity_write(user=user, entity_type="practice_plan", entity_id="p1", data={})
    goal(UserFactory(), "theirs")
    assert [row.entity_id for row in entities_live(user=user, entity_type="goal")] == ["g1", "g2"]


def test_feed_head_is_zero_before_the_first_write(user):
    assert feed_head(user_id=user.pk) == 0


def test_feed_head_follows_the_users_writes_and_not_another_users(user):
    goal(user, "g1")
    goal(user, "g2")
    goal(UserFactory(), "elsewhere")
    goal(UserFactory(), "elsewhere")
    entity_write(user=user, entity_type="goal", entity_id="g1", data=None, deleted=True)
    assert feed_head(user_id=user.pk) == 3
