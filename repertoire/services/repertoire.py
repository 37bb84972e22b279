"""Repertoire items: add (409 if present), update with a dated status history, remove."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from mirubato.api.errors import ApiError
from repertoire.models import RepertoireStatusChange, UserRepertoire
from repertoire.selectors.repertoire import repertoire_get
from repertoire.services.scores_link import score_id_accept

if TYPE_CHECKING:
    from accounts.models import User

EDITABLE = ("status", "difficulty_rating", "personal_notes", "reference_links")


def _create(*, user: User, score_id: str, status: str, **fields: Any) -> UserRepertoire:
    now = timezone.now()
    item = UserRepertoire.objects.create(
        user=user, score_id=score_id, status=status, created_at=now, updated_at=now, **fields
    )
    RepertoireStatusChange.objects.create(item=item, to_status=status, changed_at=now)
    return item


def _already_there() -> ApiError:
    return ApiError(409, "already_exists", "This piece is already in your repertoire.")


def repertoire_add(
    *, user: User, score_id: str, status: str = UserRepertoire.Status.PLANNED, **fields: Any
) -> UserRepertoire:
    """Adds a piece; a piece already there is a 409 (nothing of it is overwritten)."""
    score_id = score_id_accept(user=user, score_id=score_id)
    with transaction.atomic(using="default"):
        if UserRepertoire.objects.filter(user=user, score_id=score_id).exists():
            raise _already_there()
        try:
            with transaction.atomic(using="default"):
                return _create(user=user, score_id=score_id, status=status, **fields)
        except IntegrityError:  # a concurrent add of the same piece won the race
            raise _already_there() from None


def repertoire_ensure(*, user: User, score_id: str) -> UserRepertoire:
    """The item for an already accepted id, added as planned if missing (goals use this).
    Runs inside the caller's transaction."""
    item = UserRepertoire.objects.filter(user=user, score_id=score_id).first()
    if item is not None:
        return item
    try:
        with transaction.atomic(using="default"):
            return _create(user=user, score_id=score_id, status=UserRepertoire.Status.PLANNED)
    except IntegrityError:
        return UserRepertoire.objects.get(user=user, score_id=score_id)


def repertoire_update(*, user: User, score_id: str, **changes: Any) -> UserRepertoire:
    """Partial update; a status change is recorded as a dated history row."""
    with transaction.atomic(using="default"):
        item = repertoire_get(user=user, score_id=score_id)
        item = UserRepertoire.objects.select_for_update().get(pk=item.pk)
        now = timezone.now()
        new_status = changes.get("status")
        if new_status and new_status != item.status:
            RepertoireStatusChange.objects.create(
                item=item, from_status=item.status, to_status=new_status, changed_at=now
            )
        for field in EDITABLE:
            if field in changes:
                setattr(item, field, changes[field])
        item.updated_at = now
        item.save()
    return item


def repertoire_remove(*, user: User, score_id: str) -> None:
    with transaction.atomic(using="default"):
        repertoire_get(user=user, score_id=score_id).delete()
