from __future__ import annotations

from django.apps import AppConfig


class ScoresConfig(AppConfig):
    name = "scores"
    verbose_name = "Scorebook"
    # `make run` → load_demo: the demo catalogue of public-domain works, then its collections.
    demo_commands = [
        ("import_catalog", "scores/demo/catalogue.csv"),
        ("import_catalog", "scores/demo/collections.json"),
    ]

    def ready(self) -> None:
        from accounts.services import userdata_register
        from scores.services.userdata import PARTS

        for part in PARTS:
            userdata_register(part)
