"""Running import_mirubato in tests: the command with its output captured."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

DATABASES = ["default", "scores", "dictionary"]


def run(paths: dict[str, Path], *args: str, **only: bool) -> str:
    """`manage.py import_mirubato --api ... --scores ... --dictionary ... *args`; pass
    `api=False` (etc.) to leave a source out. Returns what it printed."""
    options = [
        item
        for name, path in paths.items()
        if only.get(name, True)
        for item in (f"--{name}", str(path))
    ]
    out = StringIO()
    call_command("import_mirubato", *options, *args, stdout=out, stderr=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Every row the import can write, in all three databases, for before/after comparisons
    (the models' own `values_list`, ordered by primary key)."""
    from django.apps import apps

    labels = {"accounts", "sync", "repertoire", "scores", "dictionary"}
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in labels:
            alias = {"scores": "scores", "dictionary": "dictionary"}.get(
                model._meta.app_label, "default"
            )
            rows = model.objects.using(alias).order_by("pk").values_list()
            tables[model._meta.db_table] = list(rows)
    return tables
