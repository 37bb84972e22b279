"""process_seed_queue against the stand-in provider on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from dictionary.models import (
    AiModelUsage,
    AiTokenUsage,
    DeadLetter,
    DictionaryEntry,
    ManualReview,
    RecoveryHistory,
    SeedQueue,
)
from dictionary.services.pipeline.processor import seed_queue_process
from dictionary.services.pipeline.queue import retry_delay
from tests.dictionary.factories import EntryFactory, QueueItemFactory

# "default": management commands record their runs there (mirubato.commands).
pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def actions(item) -> list[str]:
    rows = RecoveryHistory.objects.filter(queue_item_id=item.id).order_by("created_at", "id")
    return [r.action for r in rows]


def test_a_good_answer_is_published_with_its_usage_recorded(ai_server):
    item = QueueItemFactory(term="Larghetto")
    summary = seed_queue_process(limit=5)
    assert (summary.claimed, summary.published) == (1, 1)
    entry = DictionaryEntry.objects.get(normalized_term="larghetto")
    assert (entry.source, entry.type, entry.status) == ("ai", "tempo", "published")
    assert entry.overall_score >= 75
    assert entry.references == {"wikipedia": {"url": "https://en.wikipedia.org/wiki/Tempo"}}
    item.refresh_from_db()
    assert item.status == "completed" and item.completed_at is not None
    usage = AiModelUsage.objects.get()
    assert (usage.prompt_tokens, usage.completion_tokens, usage.success) == (320, 240, True)
    assert usage.entry_id == entry.id
    ledger = AiTokenUsage.objects.get()
    assert (ledger.tokens_used, ledger.calls, ledger.terms_processed) == (560, 1, 1)
    assert actions(item) == ["claimed", "published"]
    request = ai_server.requests[0]
    assert (request["path"], request["auth"], request["model"]) == (
        "/v1/chat/completions",
        "Bearer test-key",
        "stand-in-model",
    )


def test_a_poor_answer_goes_to_manual_review(ai_server):
    item = QueueItemFactory(term="Hemiola")
    ai_server.modes["Hemiola"] = "poor"
    summary = seed_queue_process(limit=5)
    assert summary.reviewed == 1
    assert not DictionaryEntry.objects.exists()
    review = ManualReview.objects.get()
    assert review.quality_score < 75
    assert review.generated_content["definition"]["concise"] == "Hemiola."
    assert "below the publish threshold" in review.reason
    item.refresh_from_db()
    assert item.status == "review"
    assert actions(item) == ["claimed", "sent_to_review"]


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        ("malformed", "invalid_entry"),
        ("incomplete", "invalid_entry"),
        ("error", "http_error"),
        ("timeout", "timeout"),
        ("garbage", "bad_response"),
    ],
)
def test_a_failed_answer_schedules_a_retry_with_backoff(ai_server, mode, kind):
    item = QueueItemFactory(term="Broken")
    ai_server.modes["Broken"] = mode
    before = timezone.now()
    summary = seed_queue_process(limit=5)
    assert summary.retried == 1
    item.refresh_from_db()
    assert (item.status, item.attempts) == ("pending", 1)
    assert item.last_error.startswith(kind)
    assert item.next_attempt_at >= before + retry_delay(1) - timedelta(seconds=1)
    history = RecoveryHistory.objects.get(queue_item_id=item.id, action="retry_scheduled")
    assert history.error_kind == kind
    assert AiModelUsage.objects.get().success is False
    assert not DictionaryEntry.objects.exists()


def test_a_malformed_answer_still_counts_its_tokens(ai_server):
    QueueItemFactory(term="Broken")
    ai_server.modes["Broken"] = "malformed"
    seed_queue_process(limit=1)
    assert AiTokenUsage.objects.get().tokens_used == 320


def test_an_item_waiting_for_its_backoff_is_not_retried_early(ai_server):
    QueueItemFactory(term="Later", next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert seed_queue_process(limit=5).claimed == 0
    assert ai_server.requests == []


def test_backoff_doubles_and_is_capped(settings):
    settings.DICTIONARY_RETRY_BASE_SECONDS = 60
    settings.DICTIONARY_RETRY_MAX_SECONDS = 200
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 200, 200]


def test_after_the_last_attempt_an_item_goes_to_the_dead_letter_queue(ai_server):
    item = QueueItemFactory(term="Broken")
    ai_server.modes["Broken"] = "error"
    for _ in range(3):
        seed_queue_process(limit=1)
        SeedQueue.objects.filter(pk=item.pk).update(next_attempt_at=None)  # skip the wait
    item.refresh_from_db()
    assert (item.status, item.attempts) == ("dead", 3)
    letter = DeadLetter.objects.get()
    assert (letter.original_id, letter.failure_kind, letter.attempts) == (item.id, "http_error", 3)
    assert actions(item) == [
        "claimed",
        "retry_scheduled",
        "claimed",
        "retry_scheduled",
        "claimed",
        "moved_to_dlq",
    ]
    assert seed_queue_process(limit=1).claimed == 0


def test_the_budget_stops_generation_mid_batch(ai_server, settings):
    # Each good answer costs 560 tokens; a call starts only if used + 600 fits in 1500.
    settings.DICTIONARY_DAILY_TOKEN_BUDGET = 1500
    items = [QueueItemFactory(term=f"Term {n}", priority=9 - n) for n in range(4)]
    summary = seed_queue_process(limit=4)
    assert summary.budget_exhausted is True
    assert (summary.claimed, summary.published) == (2, 2)
    assert ai_server.terms_requested() == ["Term 0", "Term 1"]
    assert AiTokenUsage.objects.get().tokens_used == 1120
    statuses = [SeedQueue.objects.get(pk=i.pk).status for i in items]
    assert statuses == ["completed", "completed", "pending", "pending"]
    assert SeedQueue.objects.get(pk=items[2].pk).attempts == 0


def test_yesterdays_usage_does_not_count_against_today(ai_server, settings):
    settings.DICTIONARY_DAILY_TOKEN_BUDGET = 1000
    AiTokenUsage.objects.create(
        date=timezone.now().date() - timedelta(days=1), model="m", tokens_used=10_000
    )
    QueueItemFactory(term="Fresh")
    assert seed_queue_process(limit=1).published == 1


def test_highest_priority_items_are_processed_first(ai_server):
    QueueItemFactory(term="Low", priority=2)
    QueueItemFactory(term="High", priority=9)
    seed_queue_process(limit=1)
    assert ai_server.terms_requested() == ["High"]


def test_without_a_provider_queued_terms_go_straight_to_review(no_provider):
    item = QueueItemFactory(term="Hemiola", type_hint="theory")
    summary = seed_queue_process(limit=5)
    assert summary.reviewed == 1
    review = ManualReview.objects.get()
    assert (review.generated_content, review.type, review.quality_score) == ({}, "theory", 0)
    assert "No AI provider" in review.reason
    item.refresh_from_db()
    assert item.status == "review"
    assert not AiModelUsage.objects.exists()


def test_a_term_written_meanwhile_is_skipped(ai_server):
    item = QueueItemFactory(term="Forte")
    EntryFactory(term="Forte")
    assert seed_queue_process(limit=1).skipped == 1
    assert ai_server.requests == []
    assert actions(item) == ["claimed", "skipped_existing"]


def test_items_left_processing_by_a_crashed_runner_are_handed_out_again(ai_server):
    item = QueueItemFactory(
        term="Stuck",
        status="processing",
        claimed_at=timezone.now() - timedelta(hours=2),
        attempts=1,
    )
    summary = seed_queue_process(limit=1)
    assert (summary.reset, summary.published) == (1, 1)
    assert actions(item)[0] == "reset_stale"


def test_the_command_prints_progress_and_a_summary(ai_server, capsys):
    QueueItemFactory(term="Lento")
    call_command("process_seed_queue", "--limit", "2")
    out = capsys.readouterr().out
    assert "Lento (en): published" in out
    assert "process_seed_queue: 1 claimed, 1 published" in out


def test_the_dry_run_changes_nothing(ai_server, capsys):
    QueueItemFactory(term="Lento")
    call_command("process_seed_queue", "--limit", "2", "--dry-run")
    assert "would process: Lento" in capsys.readouterr().out
    assert ai_server.requests == []
    assert SeedQueue.objects.get().status == "pending"
