"""Reads of the repertoire app. This face is what other apps may use (docs/architecture.md):
the user's live logbook, parsed by the one reading of an entry, and their repertoire."""

from repertoire.logbook import LOGBOOK_ENTRY, STATUS_CHANGE, Entry, Piece
from repertoire.selectors.logbook import logbook_entries
from repertoire.selectors.repertoire import REPERTOIRE_STATUSES, repertoire_history

__all__ = [
    "LOGBOOK_ENTRY",
    "REPERTOIRE_STATUSES",
    "STATUS_CHANGE",
    "Entry",
    "Piece",
    "logbook_entries",
    "repertoire_history",
]
