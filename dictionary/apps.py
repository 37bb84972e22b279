from __future__ import annotations

from django.apps import AppConfig


class DictionaryConfig(AppConfig):
    name = "dictionary"
    verbose_name = "Dictionary"
    # `make run` (manage.py load_demo) loads the shipped seed set; idempotent.
    demo_commands = [("seed_dictionary",)]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.userdata import register
        from dictionary import caching
        from dictionary.models import DictionaryEntry, RelatedTerm
        from dictionary.userdata import PART

        register(PART)

        def invalidate(**kwargs) -> None:
            caching.invalidate()

        # Any change to what the public API shows drops the cached reads (admin edits too).
        for model in (DictionaryEntry, RelatedTerm):
            post_save.connect(
                invalidate, sender=model, weak=False, dispatch_uid=f"dict-{model.__name__}-save"
            )
            post_delete.connect(
                invalidate, sender=model, weak=False, dispatch_uid=f"dict-{model.__name__}-delete"
            )
