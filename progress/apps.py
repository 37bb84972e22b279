from __future__ import annotations

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """Levels, streaks, achievements, per-piece progress, recommendations and the monthly
    report, read from the logbook and repertoire (docs/progress.md). Its one table,
    `user_achievements`, is on `default`."""

    name = "progress"
    verbose_name = "Progress"

    def ready(self) -> None:
        from accounts.services import userdata_register
        from progress.services.userdata import PART

        userdata_register(PART)
