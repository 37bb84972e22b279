from __future__ import annotations

from django.apps import AppConfig


class ScoresConfig(AppConfig):
    name = "scores"
    verbose_name = "Scorebook"

    def ready(self) -> None:
        from accounts.userdata import register
        from scores.userdata import PART

        register(PART)
