"""Sends each app's models to its own database and keeps every table on its own database only."""

from __future__ import annotations

from django.conf import settings


def alias_for(app_label: str) -> str:
    return settings.DATABASE_APPS_MAPPING.get(app_label, "default")


class AppDatabaseRouter:
    """`scores` and `dictionary` live on their own aliases; contrib, allauth, accounts, sync and
    repertoire on `default`. Relations never cross databases (ids are plain strings there)."""

    def db_for_read(self, model, **hints) -> str:
        return alias_for(model._meta.app_label)

    def db_for_write(self, model, **hints) -> str:
        return alias_for(model._meta.app_label)

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return alias_for(obj1._meta.app_label) == alias_for(obj2._meta.app_label)

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == alias_for(app_label)
