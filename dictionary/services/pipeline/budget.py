"""The usage ledgers the daily token budget counts (ai_token_usage, ai_model_usage); the
budget itself is read by `selectors.pipeline.budget_status`."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dictionary import metrics
from dictionary.models import DB, AiModelUsage, AiTokenUsage
from dictionary.pipeline.provider import Completion


def usage_record(
    *,
    model: str,
    completion: Completion | None,
    success: bool,
    error: str = "",
    queue_item_id: str = "",
    entry_id: str = "",
    latency_ms: int = 0,
) -> None:
    """Record one call: a per-call row, and today's ledger for the model (real tokens)."""
    prompt = completion.prompt_tokens if completion else 0
    answer = completion.completion_tokens if completion else 0
    with transaction.atomic(using=DB):
        AiModelUsage.objects.using(DB).create(
            model_name=model,
            prompt_tokens=prompt,
            completion_tokens=answer,
            total_tokens=prompt + answer,
            latency_ms=completion.latency_ms if completion else latency_ms,
            success=success,
            error_message=error[:1000],
            queue_item_id=queue_item_id,
            entry_id=entry_id,
        )
        _ledger_add(model=model, prompt=prompt, answer=answer, processed=int(success))
    metrics.tokens_spent(model=model, prompt=prompt, completion=answer)


def _ledger_add(*, model: str, prompt: int, answer: int, processed: int) -> None:
    today = timezone.now().date()
    increments = {
        "prompt_tokens": F("prompt_tokens") + prompt,
        "completion_tokens": F("completion_tokens") + answer,
        "tokens_used": F("tokens_used") + prompt + answer,
        "calls": F("calls") + 1,
        "terms_processed": F("terms_processed") + processed,
        "updated_at": timezone.now(),
    }
    ledger = AiTokenUsage.objects.using(DB).filter(date=today, model=model)
    if ledger.update(**increments):
        return
    try:
        with transaction.atomic(using=DB):
            AiTokenUsage.objects.using(DB).create(
                date=today,
                model=model,
                prompt_tokens=prompt,
                completion_tokens=answer,
                tokens_used=prompt + answer,
                calls=1,
                terms_processed=processed,
            )
    except IntegrityError:  # another runner created today's row first
        ledger.update(**increments)
