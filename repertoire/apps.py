from __future__ import annotations

from django.apps import AppConfig


class RepertoireConfig(AppConfig):
    name = "repertoire"
    verbose_name = "Repertoire and goals"

    def ready(self) -> None:
        from accounts.userdata import register
        from repertoire.progress.userdata import PART as PROGRESS_PART
        from repertoire.userdata import PART

        register(PART)
        register(PROGRESS_PART)
