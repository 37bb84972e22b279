"""Index-backed substring search on the catalogue's folded text: pg_trgm on PostgreSQL, an
FTS5 trigram table kept by triggers on SQLite (see mirubato.substring_index)."""

from django.db import migrations

from scores.models.scores import TEXT_SEARCH


class Migration(migrations.Migration):
    dependencies = [("scores", "0100_favorites")]

    operations = [TEXT_SEARCH.operation()]
