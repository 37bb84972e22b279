"""Achievements move to their own app, `progress`: the model leaves repertoire's migration
state only. The table `user_achievements` and its rows stay exactly where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("repertoire", "0101_merge_progress_and_goals"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="UserAchievement")],
            database_operations=[],
        ),
    ]
