"""One run of the growth pipeline: claim, check the budget, generate, validate, score,
publish or send to review; failures retry with backoff and end in the dead letter queue."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from dictionary.models import (
    DB,
    DictionaryEntry,
    EntrySource,
    ManualReview,
    QueueStatus,
    RecoveryAction,
    SeedQueue,
    TermType,
)
from dictionary.pipeline import provider
from dictionary.pipeline.quality import InvalidEntry, parse_entry, score_entry, to_entry_content
from dictionary.selectors.pipeline import budget_status
from dictionary.services.entries import entry_upsert
from dictionary.services.pipeline import queue
from dictionary.services.pipeline.budget import usage_record

NO_PROVIDER_REASON = "No AI provider is configured: write this entry by hand."


@dataclass
class RunSummary:
    run_id: str
    claimed: int = 0
    published: int = 0
    reviewed: int = 0
    skipped: int = 0
    retried: int = 0
    dead: int = 0
    reset: int = 0
    tokens: int = 0
    budget_exhausted: bool = False
    outcomes: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        budget = " Stopped: daily token budget reached." if self.budget_exhausted else ""
        return (
            f"process_seed_queue: {self.claimed} claimed, {self.published} published, "
            f"{self.reviewed} sent to review, {self.skipped} already present, {self.retried} "
            f"retrying, {self.dead} dead-lettered, {self.reset} stale reset, "
            f"{self.tokens} tokens.{budget}"
        )


def seed_queue_process(
    *, limit: int, run_id: str | None = None, progress: Callable[[str], None] | None = None
) -> RunSummary:
    """Process up to `limit` queue items, highest priority first."""
    summary = RunSummary(run_id=run_id or f"run-{uuid.uuid4().hex[:12]}")
    summary.reset = queue.seed_reset_stale(run_id=summary.run_id)
    while summary.claimed < limit:
        if provider.configured() and not budget_status().allows_call:
            summary.budget_exhausted = True
            break
        item = queue.seed_claim_next(run_id=summary.run_id)
        if item is None:
            break
        summary.claimed += 1
        outcome = _process(item, summary)
        summary.outcomes.append((item.term, outcome))
        if progress:
            progress(f"[{summary.claimed}/{limit}] {item.term} ({item.lang}): {outcome}")
    return summary


def _process(item: SeedQueue, summary: RunSummary) -> str:
    if (
        DictionaryEntry.objects.using(DB)
        .filter(normalized_term=item.normalized_term, lang=item.lang)
        .exists()
    ):
        queue.item_finish(
            item,
            run_id=summary.run_id,
            status=QueueStatus.COMPLETED,
            action=RecoveryAction.SKIPPED_EXISTING,
        )
        summary.skipped += 1
        return "already present"
    if not provider.configured():
        _to_review(item, summary, content={}, score=0, reason=NO_PROVIDER_REASON)
        return "sent to review"
    return _generate(item, summary)


def _generate(item: SeedQueue, summary: RunSummary) -> str:
    model = provider.model_name()
    messages = provider.messages_for(term=item.term, lang=item.lang, type_hint=item.type_hint)
    try:
        completion = provider.chat(messages)
    except provider.ProviderError as exc:
        usage_record(
            model=model, completion=None, success=False, error=str(exc), queue_item_id=item.id
        )
        return _failed(item, summary, exc.kind, str(exc))
    summary.tokens += completion.total_tokens
    try:
        content = parse_entry(completion.content)
    except InvalidEntry as exc:
        usage_record(
            model=completion.model,
            completion=completion,
            success=False,
            error=str(exc),
            queue_item_id=item.id,
        )
        return _failed(item, summary, "invalid_entry", str(exc))
    score = score_entry(content)
    if score >= settings.DICTIONARY_PUBLISH_THRESHOLD:
        entry = _publish(item, summary, content, score)
        usage_record(
            model=completion.model,
            completion=completion,
            success=True,
            queue_item_id=item.id,
            entry_id=entry.id,
        )
        return f"published (quality {score})"
    usage_record(model=completion.model, completion=completion, success=True, queue_item_id=item.id)
    reason = (
        f"Quality {score} is below the publish threshold {settings.DICTIONARY_PUBLISH_THRESHOLD}."
    )
    _to_review(item, summary, content=content, score=score, reason=reason)
    return f"sent to review (quality {score})"


def _publish(item: SeedQueue, summary: RunSummary, content: dict, score: int) -> DictionaryEntry:
    with transaction.atomic(using=DB):
        entry = entry_upsert(
            term=item.term,
            lang=item.lang,
            type=content.get("type") or item.type_hint or TermType.GENERAL,
            content=to_entry_content(content),
            overall_score=score,
            source=EntrySource.AI,
        )
        queue.item_finish(
            item,
            run_id=summary.run_id,
            status=QueueStatus.COMPLETED,
            action=RecoveryAction.PUBLISHED,
            detail=f"entry {entry.id}, quality {score}",
        )
    summary.published += 1
    return entry


def _to_review(
    item: SeedQueue, summary: RunSummary, *, content: dict, score: int, reason: str
) -> None:
    with transaction.atomic(using=DB):
        ManualReview.objects.using(DB).create(
            queue_item_id=item.id,
            term=item.term,
            normalized_term=item.normalized_term,
            lang=item.lang,
            type=content.get("type") or item.type_hint or TermType.GENERAL,
            generated_content=to_entry_content(content) if content else {},
            quality_score=score,
            reason=reason,
        )
        queue.item_finish(
            item,
            run_id=summary.run_id,
            status=QueueStatus.REVIEW,
            action=RecoveryAction.SENT_TO_REVIEW,
            detail=reason,
        )
    summary.reviewed += 1


def _failed(item: SeedQueue, summary: RunSummary, kind: str, message: str) -> str:
    action = queue.item_fail(item, run_id=summary.run_id, kind=kind, message=message)
    if action == RecoveryAction.MOVED_TO_DLQ:
        summary.dead += 1
        return f"dead-lettered ({kind})"
    summary.retried += 1
    return f"retry scheduled ({kind})"
