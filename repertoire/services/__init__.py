"""Writes of repertoire, goals and annotations, one transaction each, one module per area.

This face is what other apps may use (docs/architecture.md): the repertoire, goal, piece,
preferences and template writes another wire layer (`legacy`) calls; the quick log and the
end of a practice session, whose answers progress completes (streak, summary).
"""

from repertoire.services.bulk_import import (
    AnnotationRecord,
    RepertoireRecord,
    StatusStep,
    annotations_import,
    repertoire_import,
)
from repertoire.services.bulk_import_goals import (
    GoalRecord,
    ProgressRecord,
    goal_progress_import,
    goals_import,
)
from repertoire.services.goals import (
    goal_create,
    goal_delete,
    goal_progress_record,
    goal_update,
    goals_settle,
)
from repertoire.services.pieces import PieceName, pieces_rename, repertoire_dissociate
from repertoire.services.practice_logs import quick_log
from repertoire.services.practice_sessions import session_end
from repertoire.services.preferences import preferences_replace
from repertoire.services.repertoire import repertoire_add, repertoire_remove, repertoire_update
from repertoire.services.scores_link import score_id_accept
from repertoire.services.templates import template_adopt

__all__ = [
    "AnnotationRecord",
    "GoalRecord",
    "PieceName",
    "ProgressRecord",
    "RepertoireRecord",
    "StatusStep",
    "annotations_import",
    "goal_create",
    "goal_delete",
    "goal_progress_import",
    "goal_progress_record",
    "goal_update",
    "goals_import",
    "goals_settle",
    "pieces_rename",
    "preferences_replace",
    "quick_log",
    "repertoire_add",
    "repertoire_dissociate",
    "repertoire_import",
    "repertoire_remove",
    "repertoire_update",
    "score_id_accept",
    "session_end",
    "template_adopt",
]
