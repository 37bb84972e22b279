"""Writing checked records through an owning app's bulk service, a batch at a time.

Each batch is one call, so one transaction on the service's own database. Should the batch
fail as a whole (a database error, a constraint a concurrent run won), it is retried record
by record, so a bad record fails alone and never leaves half of itself written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from rest_framework.exceptions import ValidationError

from legacy.importer.context import ImportContext
from legacy.importer.report import TableReport
from legacy.importer.values import reason_of
from mirubato.api.errors import ApiError

Outcome = tuple[str, str]
# (group, records) -> an outcome per record; a group is what one call may hold (a user).
Write = Callable[[str, list[Any]], list[Outcome]]
Done = Callable[[Outcome], None]
WRITE_ERRORS = (DatabaseError, ApiError, ValidationError, DjangoValidationError, ValueError)


def error_reason(exc: Exception) -> str:
    """A write's exception as a row's reason."""
    if isinstance(exc, ApiError):
        return f"{exc.message} {reason_of(exc.details)}".strip() if exc.details else exc.message
    if isinstance(exc, ValidationError):
        return reason_of(exc.detail)
    return f"{type(exc).__name__}: {exc}"


@dataclass
class _Pending:
    where: str
    record: Any
    done: Done | None


class Batcher:
    """Collects records of one group (consecutive rows of one user) up to the batch size,
    writes them, reports every outcome and tells progress."""

    def __init__(self, ctx: ImportContext, report: TableReport, write: Write, total: int) -> None:
        self.ctx, self.report, self.write, self.total = ctx, report, write, total
        self.group = ""
        self.pending: list[_Pending] = []

    def add(self, group: str, where: str, record: Any, done: Done | None = None) -> None:
        if self.pending and (group != self.group or len(self.pending) >= self.ctx.batch_size):
            self.flush()
        self.group = group
        self.pending.append(_Pending(where, record, done))

    def flush(self) -> None:
        if not self.pending:
            return
        items, self.pending = self.pending, []
        try:
            outcomes = self.write(self.group, [item.record for item in items])
        except WRITE_ERRORS:
            outcomes = [self._alone(item) for item in items]
        for item, (status, detail) in zip(items, outcomes, strict=True):
            self.report.add(status, where=item.where, reason=detail)
            if item.done is not None:
                item.done((status, detail))
        self.ctx.progress(self.report.table, self.report.read, self.total)

    def _alone(self, item: _Pending) -> Outcome:
        try:
            return self.write(self.group, [item.record])[0]
        except WRITE_ERRORS as exc:
            return "failed", error_reason(exc)

    def close(self) -> None:
        self.flush()
