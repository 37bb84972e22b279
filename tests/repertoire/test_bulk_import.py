"""Repertoire's bulk import services: items by (user, score id) with their dated history,
goals and annotations by their ids, progress rows once; a later edit here always stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from repertoire.models import Goal, GoalProgress, ScoreAnnotation, UserRepertoire
from repertoire.services import (
    AnnotationRecord,
    GoalRecord,
    ProgressRecord,
    RepertoireRecord,
    StatusStep,
    annotations_import,
    goal_progress_import,
    goals_import,
    repertoire_import,
)
from tests.accounts.factories import UserFactory
from tests.repertoire.factories import GoalFactory

pytestmark = pytest.mark.django_db(databases=["default"])
T0, T1, T2 = (datetime(2023, month, 1, tzinfo=UTC) for month in (1, 2, 3))


def _piece(**fields) -> RepertoireRecord:
    values = {
        "score_id": "moonlight sonata-beethoven",
        "status": "learning",
        "created_at": T0,
        "updated_at": T1,
    }
    return RepertoireRecord(**{**values, **fields})


def _goal(**fields) -> GoalRecord:
    values = {
        "ids": ("g1", "g1-derived"),
        "title": "Ten hours",
        "type": "custom",
        "status": "active",
        "created_at": T0,
        "updated_at": T1,
    }
    return GoalRecord(**{**values, **fields})


def test_a_piece_is_created_with_its_history():
    user = UserFactory()
    history = (StatusStep("", "planned", T0), StatusStep("planned", "learning", T1))
    [(status, item_id)] = repertoire_import(
        user_id=user.pk, records=[_piece(history=history, ids=("r1",))]
    )
    item = UserRepertoire.objects.get(pk=item_id)
    assert (status, item_id, item.created_at, item.updated_at) == ("created", "r1", T0, T1)
    assert [(h.from_status, h.to_status) for h in item.history.all()] == [
        ("", "planned"),
        ("planned", "learning"),
    ]


def test_the_same_piece_again_is_unchanged():
    user = UserFactory()
    repertoire_import(user_id=user.pk, records=[_piece()])
    assert repertoire_import(user_id=user.pk, records=[_piece()])[0][0] == "unchanged"


def test_a_later_edit_updates_the_piece_and_its_history():
    user = UserFactory()
    repertoire_import(user_id=user.pk, records=[_piece()])
    [(status, _)] = repertoire_import(
        user_id=user.pk, records=[_piece(status="polished", updated_at=T2)]
    )
    item = UserRepertoire.objects.get(user=user)
    assert (status, item.status, item.history.last().to_status) == (
        "updated",
        "polished",
        "polished",
    )


def test_an_older_record_keeps_the_piece_here():
    user = UserFactory()
    repertoire_import(user_id=user.pk, records=[_piece(updated_at=T2)])
    assert repertoire_import(user_id=user.pk, records=[_piece(status="planned")])[0][0] == "kept"


def test_a_dry_run_writes_nothing():
    user = UserFactory()
    assert repertoire_import(user_id=user.pk, records=[_piece()], dry_run=True)[0][0] == "created"
    assert not UserRepertoire.objects.exists()


def test_goals_keep_their_original_id_unless_another_user_has_it():
    GoalFactory(id="g1")
    user = UserFactory()
    [(status, goal_id)] = goals_import(user_id=user.pk, records=[_goal()])
    assert (status, goal_id) == ("created", "g1-derived")
    assert goals_import(user_id=user.pk, records=[_goal()])[0] == ("unchanged", "g1-derived")


def test_a_repertoire_goal_puts_its_piece_in_the_repertoire():
    user = UserFactory()
    goals_import(user_id=user.pk, records=[_goal(type="repertoire", score_id="etude-chopin")])
    assert UserRepertoire.objects.filter(
        user=user, score_id="etude-chopin", status="planned"
    ).exists()


def test_a_later_goal_edit_updates_an_older_one_is_kept():
    user = UserFactory()
    goals_import(user_id=user.pk, records=[_goal()])
    assert (
        goals_import(user_id=user.pk, records=[_goal(title="Old", updated_at=T0)])[0][0] == "kept"
    )
    assert (
        goals_import(user_id=user.pk, records=[_goal(title="New", updated_at=T2)])[0][0]
        == "updated"
    )
    assert Goal.objects.get(user=user).title == "New"


def test_progress_rows_are_created_once_on_the_users_goals():
    user, other = UserFactory(), UserFactory()
    goal, theirs = GoalFactory(user=user, current_value=5), GoalFactory(user=other)
    record = ProgressRecord(ids=("p1",), goal_id=goal.pk, value=5, recorded_at=T1)
    assert goal_progress_import(user_id=user.pk, records=[record])[0][0] == "created"
    assert goal_progress_import(user_id=user.pk, records=[record])[0][0] == "unchanged"
    stray = ProgressRecord(ids=("p2",), goal_id=theirs.pk, value=1, recorded_at=T1)
    assert goal_progress_import(user_id=user.pk, records=[stray])[0][0] == "failed"
    goal.refresh_from_db()
    assert (GoalProgress.objects.count(), goal.current_value) == (1, 5)


def _note(**fields) -> AnnotationRecord:
    values = {
        "score_id": "score_x",
        "page_number": 1,
        "annotation_type": "text",
        "annotation_data": {"t": "p"},
        "created_at": T0,
        "updated_at": T1,
        "ids": ("a1",),
    }
    return AnnotationRecord(**{**values, **fields})


def test_annotations_are_created_then_unchanged():
    user = UserFactory()
    assert annotations_import(user_id=user.pk, records=[_note()])[0] == ("created", "a1")
    assert annotations_import(user_id=user.pk, records=[_note()])[0] == ("unchanged", "a1")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"annotation_type": "sticker"}, "annotation_type"),
        ({"page_number": 0}, "page_number"),
        ({"annotation_data": [1, 2]}, "must be a JSON object"),
        ({"annotation_data": {"t": "\x00"}}, "NUL"),
    ],
)
def test_an_annotation_the_endpoints_would_refuse_fails(fields, reason):
    user = UserFactory()
    [(status, detail)] = annotations_import(user_id=user.pk, records=[_note(**fields)])
    assert status == "failed" and reason in detail
    assert not ScoreAnnotation.objects.exists()
