"""Reads of the repertoire app. This face is what other apps may use (docs/architecture.md):
the user's live logbook, parsed by the one reading of an entry, their repertoire, goals and
preferences, and autocomplete; practice logs by id, and the shapes the practice API renders
a log and a session with, for another app's endpoint that answers one (progress: quick log,
session end)."""

from repertoire.api.serializers.practice_logs import PracticeLogOutputSerializer
from repertoire.api.serializers.practice_sessions import PracticeSessionOutputSerializer
from repertoire.logbook import ACTIVITY_TYPES, LOGBOOK_ENTRY, STATUS_CHANGE, Entry, Moment, Piece
from repertoire.selectors.autocomplete import composers_matching, pieces_matching
from repertoire.selectors.goals import goal_detail, goal_get, goal_list, goal_views
from repertoire.selectors.logbook import (
    logbook_entries,
    logbook_entries_changed_since,
    logbook_moments,
)
from repertoire.selectors.practice_logs import logs_by_id
from repertoire.selectors.preferences import preferences_get
from repertoire.selectors.repertoire import (
    REPERTOIRE_STATUSES,
    repertoire_detail,
    repertoire_history,
    repertoire_page,
    repertoire_stats,
)

__all__ = [
    "ACTIVITY_TYPES",
    "LOGBOOK_ENTRY",
    "REPERTOIRE_STATUSES",
    "STATUS_CHANGE",
    "Entry",
    "Moment",
    "Piece",
    "PracticeLogOutputSerializer",
    "PracticeSessionOutputSerializer",
    "composers_matching",
    "goal_detail",
    "goal_get",
    "goal_list",
    "goal_views",
    "logbook_entries",
    "logbook_entries_changed_since",
    "logbook_moments",
    "logs_by_id",
    "pieces_matching",
    "preferences_get",
    "repertoire_detail",
    "repertoire_history",
    "repertoire_page",
    "repertoire_stats",
]
