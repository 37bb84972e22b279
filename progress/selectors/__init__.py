"""Reads of the progress app: practice analytics and progress, computed from the logbook and
repertoire. This face is what other apps may use (docs/architecture.md)."""

from progress.selectors.overview import (
    achievement_rows,
    piece_detail,
    pieces_page,
    practice_log,
    progress_facts,
    progress_instrument,
    progress_overview,
    progress_statistics,
    repertoire_facts,
    repertoire_statuses,
)
from progress.selectors.practice import (
    local_today,
    practice_export_entries,
    practice_streaks,
    practice_summary,
)

__all__ = [
    "achievement_rows",
    "local_today",
    "piece_detail",
    "pieces_page",
    "practice_export_entries",
    "practice_log",
    "practice_streaks",
    "practice_summary",
    "progress_facts",
    "progress_instrument",
    "progress_overview",
    "progress_statistics",
    "repertoire_facts",
    "repertoire_statuses",
]
