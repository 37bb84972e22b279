"""Changes to the pieces named in a user's logbook: rename a piece everywhere, and dissociate
a repertoire item from its entries. Entries are rewritten with `sync.services.entity_write`,
so each changed entry gets a new version and a feed position and every device pulls it."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from repertoire.logbook import LOGBOOK_ENTRY, parse_entry
from repertoire.models import SCORE_ID_LENGTH, Goal, ScoreAnnotation, UserRepertoire
from repertoire.selectors.repertoire import repertoire_get
from scores.selectors import is_catalogue_id, normalize_score_id, score_id_for
from sync.services import entities_lock, entity_write

if TYPE_CHECKING:
    from accounts.models import User


def _now_iso() -> str:
    return timezone.now().isoformat().replace("+00:00", "Z")


def _save(user: User, entity_id: str, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Writes `after` if it differs; `updatedAt` moves so it wins over older device edits."""
    if after == before:
        return False
    after["updatedAt"] = _now_iso()
    entity_write(user=user, entity_type=LOGBOOK_ENTRY, entity_id=entity_id, data=after)
    return True


def _has_id(piece: Any, score_id: str) -> bool:
    own_id = piece.get("id") if isinstance(piece, dict) else None
    return isinstance(own_id, str) and normalize_score_id(own_id) == score_id


# --- Rename ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PieceName:
    title: str
    composer: str | None

    @property
    def score_id(self) -> str:
        return score_id_for(self.title, self.composer)


def _renamed_piece(piece: Any, old: PieceName, new: PieceName) -> Any:
    if not isinstance(piece, dict) or not isinstance(piece.get("title"), str):
        return piece
    composer = piece.get("composer") if isinstance(piece.get("composer"), str) else None
    if score_id_for(piece["title"], composer) != old.score_id:
        return piece
    piece = {**piece, "title": new.title, "composer": new.composer}
    if _has_id(piece, old.score_id) and not is_catalogue_id(piece["id"]):
        piece["id"] = new.score_id  # a free id names the piece: it follows the name
    return piece


def _renamed_entry(data: dict[str, Any], old: PieceName, new: PieceName) -> dict[str, Any]:
    after = copy.deepcopy(data)
    if isinstance(after.get("pieces"), list):
        after["pieces"] = [_renamed_piece(p, old, new) for p in after["pieces"]]
    if (
        isinstance(after.get("scoreId"), str)
        and normalize_score_id(after["scoreId"]) == old.score_id
    ):
        after["scoreId"] = new.score_id
        if "scoreTitle" in after:
            after["scoreTitle"], after["scoreComposer"] = new.title, new.composer
    return after


def _move_free_id(*, user: User, old_id: str, new_id: str) -> bool:
    """The repertoire item (and goals, annotations) of the old free id follow the new name,
    unless the new name already has its own item (then both stay, for the user to merge)."""
    if old_id == new_id or len(new_id) > SCORE_ID_LENGTH:
        return False  # a name too long for an id column stays in the logbook only
    if UserRepertoire.objects.filter(user=user, score_id=new_id).exists():
        return False
    moved = UserRepertoire.objects.filter(user=user, score_id=old_id).update(
        score_id=new_id, updated_at=timezone.now()
    )
    Goal.objects.filter(user=user, score_id=old_id).update(score_id=new_id)
    ScoreAnnotation.objects.filter(user=user, score_id=old_id).update(score_id=new_id)
    return bool(moved)


def pieces_rename(*, user: User, old: PieceName, new: PieceName) -> tuple[int, bool]:
    """Renames a piece across the user's live logbook. A piece matches when it is the same
    piece as `old` by the reference's §7.3 identity (title and composer, ignoring case,
    spacing, quote style and dots). Returns (entries changed, repertoire item moved)."""
    changed = 0
    with transaction.atomic(using="default"):
        for entity_id, data in entities_lock(user=user, entity_type=LOGBOOK_ENTRY):
            if isinstance(data, dict):
                changed += _save(user, entity_id, data, _renamed_entry(data, old, new))
        moved = _move_free_id(user=user, old_id=old.score_id, new_id=new.score_id)
    return changed, moved


# --- Dissociate ------------------------------------------------------------------------------


def _name_of(score_id: str, entries: list[Any]) -> tuple[str, str]:
    """The piece's title and composer: from a linked entry, else read back from a free id."""
    for entry in entries:
        for piece in entry.pieces:
            if piece.id == score_id and piece.title:
                return piece.title, piece.composer
        if entry.score_id == score_id and isinstance(entry.data.get("scoreTitle"), str):
            composer = entry.data.get("scoreComposer")
            return entry.data["scoreTitle"], composer if isinstance(composer, str) else ""
    if is_catalogue_id(score_id):
        return "", ""
    title, _, composer = score_id.partition("||") if "||" in score_id else score_id.partition("-")
    return title, "" if composer == "unknown" else composer


def _unlinked(data: dict[str, Any], score_id: str, title: str, composer: str) -> dict[str, Any]:
    after = copy.deepcopy(data)
    pieces = after.get("pieces") if isinstance(after.get("pieces"), list) else []
    for piece in pieces:
        if _has_id(piece, score_id):
            del piece["id"]
            piece.setdefault("title", title)
    if isinstance(after.get("scoreId"), str) and normalize_score_id(after["scoreId"]) == score_id:
        del after["scoreId"]
        after.setdefault("scoreTitle", title)
        after.setdefault("scoreComposer", composer or None)
        if not pieces and title:
            pieces.append({"title": title, "composer": composer or None})
    if pieces:
        after["pieces"] = pieces
    return after


def repertoire_dissociate(*, user: User, score_id: str) -> dict[str, Any]:
    """Removes the item and unlinks its live logbook entries (their `scoreId` and the piece's
    id go), keeping the piece's title and composer in them. One transaction."""
    with transaction.atomic(using="default"):
        item = repertoire_get(user=user, score_id=score_id)
        rows = entities_lock(user=user, entity_type=LOGBOOK_ENTRY)
        linked = [e for e in (parse_entry(i, d) for i, d in rows) if e.links(item.score_id)]
        title, composer = _name_of(item.score_id, linked)
        for entry in linked:
            _save(
                user,
                entry.entity_id,
                entry.data,
                _unlinked(entry.data, item.score_id, title, composer),
            )
        item.delete()
    return {"preserved_logs": len(linked), "piece_title": title, "piece_composer": composer}
