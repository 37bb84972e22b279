from __future__ import annotations

from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "sync"
    verbose_name = "Sync"

    def ready(self) -> None:
        from accounts.services import userdata_register
        from sync.services.userdata import PART

        userdata_register(PART)
