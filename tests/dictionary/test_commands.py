"""seed_dictionary, dictionary_stats, export_dictionary, cleanup_dictionary."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from dictionary import caching
from dictionary.models import (
    AiModelUsage,
    AiTokenUsage,
    CacheMetric,
    DailyStatistics,
    DeadLetter,
    DictionaryEntry,
    ExportHistory,
    SearchAnalytics,
    SeedQueue,
)
from dictionary.services.seeding import core_terms, curated_terms
from tests.dictionary.factories import EntryFactory, QueueItemFactory

# "default": management commands record their runs there (mirubato.commands).
pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])
LANGS = {"es", "fr", "de", "zh-CN", "zh-TW"}


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_seed_set_has_at_least_sixty_complete_terms_with_names_in_other_languages():
    terms = core_terms()
    assert len(terms) >= 60
    for raw in terms:
        for field in ("concise", "detailed", "etymology", "ipa", "example", "type"):
            assert raw[field].strip(), (raw["term"], field)
        assert set(raw["names"]) <= LANGS
    assert sum(1 for raw in terms if set(raw["names"]) == LANGS) >= 50


def test_seed_dictionary_loads_entries_and_queues_the_curated_list_once():
    out = run("seed_dictionary")
    assert f"created {len(core_terms())} entries" in out
    assert DictionaryEntry.objects.filter(source="seed", lang="en").count() == len(core_terms())
    queued = SeedQueue.objects.filter(source="seed").count()
    assert queued == len(curated_terms())
    allegro = DictionaryEntry.objects.get(normalized_term="allegro")
    assert allegro.definition["translations"]["zh-CN"] == "快板"
    assert allegro.overall_score >= 90
    again = run("seed_dictionary")
    assert "created 0 entries" in again and "queued 0 terms" in again
    assert DictionaryEntry.objects.count() == len(core_terms())
    assert SeedQueue.objects.count() == queued


def test_seed_dictionary_never_overwrites_a_staff_edit():
    EntryFactory(term="Allegro", definition={"concise": "Staff text."})
    run("seed_dictionary")
    assert DictionaryEntry.objects.get(normalized_term="allegro").definition == {
        "concise": "Staff text."
    }


def test_seed_dictionary_dry_run_writes_nothing():
    assert "would create" in run("seed_dictionary", "--dry-run")
    assert not DictionaryEntry.objects.exists() and not SeedQueue.objects.exists()


def test_dictionary_is_listed_for_make_run():
    from django.apps import apps

    assert ("seed_dictionary",) in apps.get_app_config("dictionary").demo_commands


def test_dictionary_stats_rolls_up_a_day_idempotently():
    today = timezone.now().date()
    entry = EntryFactory()
    SearchAnalytics.objects.create(
        term="a",
        normalized_term="a",
        found=True,
        entry_id=entry.id,
        source="lookup",
        response_time_ms=4,
        user_id="u1",
    )
    SearchAnalytics.objects.create(
        term="b",
        normalized_term="b",
        found=False,
        source="lookup",
        response_time_ms=6,
        user_id="u2",
    )
    AiTokenUsage.objects.create(date=today, model="m", tokens_used=700, calls=2)
    for _ in range(3):
        caching.count(hit=True)
    caching.count(hit=False)
    run("dictionary_stats", "--days", "1")
    run("dictionary_stats", "--days", "1")
    stats = DailyStatistics.objects.get()
    assert (stats.total_searches, stats.successful_searches, stats.unique_users) == (2, 1, 2)
    assert (stats.avg_response_time_ms, stats.ai_tokens_used, stats.ai_calls) == (5.0, 700, 2)
    assert stats.cache_hit_rate == 0.75
    metric = CacheMetric.objects.get()
    assert (metric.hits, metric.misses) == (3, 1)
    assert DictionaryEntry.objects.get(pk=entry.pk).search_count == 1
    cache.clear()  # the counters expired: a later run keeps what the first one saw
    run("dictionary_stats", "--days", "1")
    assert CacheMetric.objects.get().hits == 3


def test_dictionary_stats_dry_run_writes_nothing():
    out = run("dictionary_stats", "--dry-run")
    assert "would update popularity" in out
    assert not DailyStatistics.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_dictionary_writes_a_file_and_records_it(tmp_path, fmt):
    EntryFactory(term="Forte", lang="en")
    EntryFactory(term="Fuerte", lang="es")
    EntryFactory(term="Secret", status="draft")
    path = tmp_path / f"out.{fmt}"
    out = run("export_dictionary", "--format", fmt, "--lang", "en", "--output", str(path))
    assert "wrote 1 entries" in out
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        assert [e["term"] for e in json.loads(text)] == ["Forte"]
    else:
        rows = list(csv.DictReader(text.splitlines()))
        assert [(r["term"], r["lang"]) for r in rows] == [("Forte", "en")]
        assert rows[0]["concise"].startswith("Forte")
    history = ExportHistory.objects.get()
    assert (history.format, history.lang, history.total_entries, history.via) == (
        fmt,
        "en",
        1,
        "command",
    )
    assert history.file_size_bytes == path.stat().st_size


def test_export_dictionary_dry_run_writes_no_file(tmp_path):
    run("export_dictionary", "--output", str(tmp_path / "x.json"), "--dry-run")
    assert not (tmp_path / "x.json").exists() and not ExportHistory.objects.exists()


def test_cleanup_removes_only_rows_past_retention(settings):
    old = timezone.now() - timedelta(days=400)
    keep = QueueItemFactory(status="completed", completed_at=timezone.now())
    gone = QueueItemFactory(status="completed", completed_at=old)
    dead = QueueItemFactory(status="dead")
    DeadLetter.objects.create(
        original_id=dead.id,
        term=dead.term,
        failure_reason="x",
        original_created_at=old,
        moved_to_dlq_at=old,
    )
    AiModelUsage.objects.create(model_name="m", success=True, created_at=old)
    AiModelUsage.objects.create(model_name="m", success=True)
    SearchAnalytics.objects.create(
        term="a", normalized_term="a", found=False, source="lookup", searched_at=old
    )
    assert "would delete 5 row(s)" in run("cleanup_dictionary", "--dry-run")
    assert SeedQueue.objects.count() == 3
    assert "deleted 5 row(s)" in run("cleanup_dictionary")
    assert list(SeedQueue.objects.values_list("id", flat=True)) == [keep.id]
    assert not DeadLetter.objects.exists() and AiModelUsage.objects.count() == 1
    assert not SearchAnalytics.objects.exists()
    assert "deleted 0 row(s)" in run("cleanup_dictionary")
    assert gone.id not in SeedQueue.objects.values_list("id", flat=True)
