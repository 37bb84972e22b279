"""Achievements moved from the repertoire app to `progress` without touching their table: a
database that held awards before the move holds the same rows after it, under the same
content type (so permissions and admin log entries follow)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from progress.models import UserAchievement
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("repertoire", "0101_merge_progress_and_goals"), ("progress", None)]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_an_award_stored_before_the_move_is_read_after_it():
    user = UserFactory()
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps.get_model("repertoire", "UserAchievement")
    old.objects.create(user_id=user.pk, code="first_entry", earned_at=timezone.now())

    _migrate(_latest())

    award = UserAchievement.objects.get(user=user)
    assert award.code == "first_entry"


def test_the_content_type_is_relabelled_not_replaced():
    _migrate(BEFORE)
    before = ContentType.objects.get(model="userachievement")
    assert before.app_label == "repertoire"

    _migrate(_latest())

    after = ContentType.objects.get(model="userachievement")
    assert (after.pk, after.app_label) == (before.pk, "progress")
