"""`progress` takes over `user_achievements` from repertoire (repertoire 0102): the model
enters this app's migration state only, over the table that repertoire 0100 created, so no
table is created, renamed or copied. The content type is relabelled, so permissions and admin
log entries that name the model keep pointing at it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import mirubato.ids


def _relabel(apps, from_label: str, to_label: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label=to_label, model="userachievement").exists():
        return
    content_type.objects.filter(app_label=from_label, model="userachievement").update(
        app_label=to_label
    )


def forwards(apps, schema_editor):
    _relabel(apps, "repertoire", "progress")


def backwards(apps, schema_editor):
    _relabel(apps, "progress", "repertoire")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("repertoire", "0102_achievements_move_to_progress"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="UserAchievement",
                    fields=[
                        (
                            "id",
                            models.CharField(
                                default=mirubato.ids.new_id,
                                editable=False,
                                max_length=26,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("code", models.CharField(max_length=40)),
                        ("earned_at", models.DateTimeField()),
                        ("entry_id", models.CharField(blank=True, default="", max_length=255)),
                        ("awarded_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="achievements",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "user_achievements",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "code"), name="user_achievements_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
