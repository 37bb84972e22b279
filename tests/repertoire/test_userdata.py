"""Repertoire's part of account export and erasure."""

from __future__ import annotations

import pytest

from accounts.userdata import registered_parts
from repertoire.models import (
    Goal,
    GoalProgress,
    RepertoireStatusChange,
    ScoreAnnotation,
    UserRepertoire,
)
from tests.repertoire.factories import AnnotationFactory, GoalFactory, RepertoireFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def _part():
    return next(p for p in registered_parts() if p.name == "repertoire")


def _seed(user):
    item = RepertoireFactory(user=user, score_id="a-b")
    RepertoireStatusChange.objects.create(item=item, to_status="planned")
    AnnotationFactory(user=user, annotation_data={"keep": True})
    goal = GoalFactory(user=user, title="Scales")
    GoalProgress.objects.create(goal=goal, value=3)


def test_export_includes_repertoire_with_history_annotations_and_goals_with_progress(user):
    _seed(user)
    _seed(GoalFactory().user)
    sections = {name: list(rows) for name, rows in _part().export(user)}
    assert [r["score_id"] for r in sections["repertoire"]] == ["a-b"]
    assert sections["repertoire"][0]["status_history"][0]["to_status"] == "planned"
    assert sections["score_annotations"][0]["annotation_data"] == {"keep": True}
    assert sections["goals"][0]["progress"][0]["value"] == 3


def test_erase_deletes_only_that_users_rows_and_counts_them(user):
    _seed(user)
    other = GoalFactory().user
    _seed(other)
    counts = _part().erase(user)
    assert counts == {
        "user_repertoire": 1,
        "repertoire_status_history": 1,
        "score_annotations": 1,
        "goals": 1,
        "goal_progress": 1,
    }
    for model in (UserRepertoire, ScoreAnnotation, Goal):
        assert not model.objects.filter(user=user).exists()
        assert model.objects.filter(user=other).exists()
