"""Index-backed substring search on entry keys: pg_trgm on PostgreSQL, an FTS5 trigram table
kept by triggers on SQLite (see mirubato.substring_index)."""

from django.db import migrations

from dictionary.models.entries import KEY_SEARCH


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0002_growth_pipeline")]

    operations = [KEY_SEARCH.operation()]
