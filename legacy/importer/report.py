"""What an import did, table by table: rows read, an outcome per row, the first reasons for
the rows it could not import, and notes on what does not come along."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_REASONS = 5
# Outcomes in the order the summary lists them.
STATUSES = (
    "created",
    "updated",
    "deleted",
    "matched",
    "unchanged",
    "kept",
    "skipped",
    "failed",
)
WOULD = {"created": "would create", "updated": "would update", "deleted": "would delete"}


@dataclass
class TableReport:
    table: str
    read: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    reasons: list[str] = field(default_factory=list)
    # Why rows end as "kept" (what is here stays) or "skipped", said once in the summary.
    kept_means: str = ""

    def add(self, status: str, *, where: str = "", reason: str = "") -> None:
        self.counts[status] += 1
        if status in ("failed", "skipped") and len(self.reasons) < MAX_REASONS:
            self.reasons.append(f"{where}: {reason}" if where else reason)

    def failed(self, where: str, reason: str) -> None:
        self.add("failed", where=where, reason=reason)

    def skip_all(self, count: int, reason: str) -> None:
        """A table none of whose rows come along, for one reason."""
        self.read += count
        self.counts["skipped"] += count
        if count:
            self.reasons.append(reason)

    def line(self, *, dry_run: bool) -> str:
        parts = [f"{self.read} read"]
        for status in STATUSES:
            if self.counts[status]:
                word = WOULD.get(status, status) if dry_run else status
                parts.append(f"{self.counts[status]} {word}")
        kept = f" (kept: {self.kept_means})" if self.counts["kept"] and self.kept_means else ""
        return f"{self.table}: {', '.join(parts)}{kept}"


@dataclass
class ImportReport:
    dry_run: bool = False
    tables: dict[str, TableReport] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def table(self, name: str, *, kept_means: str = "") -> TableReport:
        if name not in self.tables:
            self.tables[name] = TableReport(name)
        if kept_means:
            self.tables[name].kept_means = kept_means
        return self.tables[name]

    def note(self, text: str) -> None:
        self.notes.append(text)

    @property
    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for table in self.tables.values():
            total.update(table.counts)
        return total

    def total_line(self) -> str:
        read = sum(t.read for t in self.tables.values())
        parts = [
            f"{n} {WOULD.get(s, s) if self.dry_run else s}"
            for s in STATUSES
            if (n := self.totals[s])
        ]
        done = ", ".join(parts) or "nothing to do"
        tail = " (dry run: nothing was written)" if self.dry_run else ""
        return f"Total: {read} rows read in {len(self.tables)} tables: {done}{tail}."
