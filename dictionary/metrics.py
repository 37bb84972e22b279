"""The dictionary's Prometheus figures (docs/operations.md): AI tokens spent. The calls happen
in `process_seed_queue`, a cron process, so `/metrics` reads today's ledger from the database
at scrape time; the counter adds the tokens of calls made by the scraped processes."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily, Metric

from dictionary.selectors.pipeline import budget_status

TOKENS = Counter(
    "mirubato_dictionary_ai_tokens",
    "AI tokens spent by calls this process made, by model and kind (prompt, completion).",
    ["model", "kind"],
)


def tokens_spent(*, model: str, prompt: int, completion: int) -> None:
    TOKENS.labels(model, "prompt").inc(prompt)
    TOKENS.labels(model, "completion").inc(completion)


def token_budget() -> Iterable[Metric]:
    """Today's (UTC) tokens from the ledger every runner writes, and the daily budget."""
    status = budget_status()
    used = GaugeMetricFamily(
        "mirubato_dictionary_ai_tokens_used_today",
        "AI tokens the dictionary pipeline spent today (UTC), from ai_token_usage.",
        value=status.used,
    )
    budget = GaugeMetricFamily(
        "mirubato_dictionary_ai_token_budget_daily",
        "AI tokens the dictionary pipeline may spend per day (DICTIONARY_DAILY_TOKEN_BUDGET).",
        value=status.budget,
    )
    return [used, budget]
