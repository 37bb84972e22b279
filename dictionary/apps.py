from __future__ import annotations

from django.apps import AppConfig


class DictionaryConfig(AppConfig):
    name = "dictionary"
    verbose_name = "Dictionary"
    # `make run` (manage.py load_demo) loads the shipped seed set; idempotent.
    demo_commands = [("seed_dictionary",)]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.services import userdata_register
        from dictionary import metrics
        from dictionary.models import DictionaryEntry, RelatedTerm
        from dictionary.services.cache import cache_invalidate
        from dictionary.services.userdata import PART
        from mirubato.telemetry.metrics import register_collector

        userdata_register(PART)
        # /metrics reads today's AI tokens from the ledger (docs/operations.md).
        register_collector("dictionary_tokens", metrics.token_budget)

        def invalidate(**kwargs) -> None:
            cache_invalidate()

        # Any change to what the public API shows drops the cached reads (admin edits too).
        for model in (DictionaryEntry, RelatedTerm):
            post_save.connect(
                invalidate, sender=model, weak=False, dispatch_uid=f"dict-{model.__name__}-save"
            )
            post_delete.connect(
                invalidate, sender=model, weak=False, dispatch_uid=f"dict-{model.__name__}-delete"
            )
