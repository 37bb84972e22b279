"""What one import run carries from table to table: the options, the report, and how the
original's ids map to ours (users, scores), so a later table finds what an earlier one made.

Ids are kept where our columns allow. A user whose address is already here is that user; a
score id that is not in our catalogue form gets a stable derived one. Tables imported in
another run resolve users by id (the ids kept), which is why the whole move should run in
one go, or the API database first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts import selectors as accounts
from legacy.importer.report import ImportReport
from legacy.importer.values import RowError
from mirubato.api.errors import ApiError
from repertoire import services as repertoire
from scores import selectors as scores

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Viewer:
    """A user as the visibility rule sees one (imported users are never staff)."""

    pk: str
    is_authenticated: bool = True
    is_staff: bool = False


@dataclass
class UserMap:
    ours: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    _here: dict[str, bool] = field(default_factory=dict)

    def add(self, original_id: str, our_id: str, email: str) -> None:
        self.ours[original_id] = our_id
        self.emails[original_id] = email

    def resolve(self, original_id: str | None) -> str:
        """Our id for an original user id, or RowError: a user imported now, else one this
        server already has under that id (imported by an earlier run)."""
        if not original_id:
            raise RowError("the row names no user")
        if original_id in self.ours:
            return self.ours[original_id]
        if original_id not in self._here:
            self._here[original_id] = bool(accounts.users_existing(ids=[original_id]))
        if self._here[original_id]:
            return original_id
        raise RowError(f"user {original_id} is not here (import the API database with --api)")

    def label(self, original_id: str | None) -> str:
        return self.emails.get(original_id or "", original_id or "?")


@dataclass(frozen=True)
class ScoreFacts:
    """What the visibility rule needs of a score this run made or matched."""

    user_id: str
    visibility: str


@dataclass
class ScoreMap:
    ours: dict[str, str] = field(default_factory=dict)
    facts: dict[str, ScoreFacts] = field(default_factory=dict)

    def add(self, original_id: str, our_id: str, facts: ScoreFacts | None = None) -> None:
        """Both the original id and the form the original's own normaliser turned it into
        (how logbook and repertoire rows may quote it) point at our id."""
        self.ours[original_id] = our_id
        self.ours.setdefault(scores.normalize_score_id(original_id), our_id)
        if facts is not None:
            self.facts[our_id] = facts

    def our_id(self, reference: str) -> str | None:
        return self.ours.get(reference) or self.ours.get(scores.normalize_score_id(reference))

    def relink(self, reference: str) -> str:
        return self.our_id(reference) or reference


@dataclass
class ImportContext:
    dry_run: bool = False
    batch_size: int = 200
    report: ImportReport = field(default_factory=ImportReport)
    progress: Progress = field(default=lambda table, done, total: None)
    users: UserMap = field(default_factory=UserMap)
    scores: ScoreMap = field(default_factory=ScoreMap)

    def where(self, table: str, name: str, user: str | None) -> str:
        """How a report names a row: its table, its name, and whose it is."""
        return f"{table} {name} ({self.users.label(user)})"

    def accept_score_id(self, *, user_id: str, score_id: str) -> str:
        """A score reference as the repertoire, goals and annotations accept it (our one rule,
        `score_id_accept`), after the original id is mapped to ours. A score this run made is
        judged in memory: in a dry run it is not in the database."""
        mapped = self.scores.relink(score_id)
        viewer = Viewer(user_id)
        facts = self.scores.facts.get(mapped)
        if facts is not None:
            if not scores.can_view(facts, viewer):
                raise RowError(f"score {score_id} is another user's private score")
            return mapped
        try:
            return repertoire.score_id_accept(user=viewer, score_id=mapped)
        except ApiError as exc:
            raise RowError(f"score {score_id}: {exc.message}") from None
