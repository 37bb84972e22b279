from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class UserRepertoire(models.Model):
    """A piece a user is learning. `score_id` names a catalogue score (on the scores database,
    so a plain string, never a foreign key) or a free `title-composer` id."""

    class Status(models.TextChoices):
        PLANNED = "planned"
        LEARNING = "learning"
        POLISHED = "polished"
        DROPPED = "dropped"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repertoire"
    )
    score_id = models.CharField(max_length=255, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    difficulty_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    personal_notes = models.TextField(blank=True, default="")
    reference_links = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "user_repertoire"
        verbose_name = "repertoire item"
        constraints = [
            models.UniqueConstraint(fields=["user", "score_id"], name="user_repertoire_unique"),
            models.CheckConstraint(
                condition=models.Q(difficulty_rating__isnull=True)
                | models.Q(difficulty_rating__gte=1, difficulty_rating__lte=5),
                name="user_repertoire_difficulty_1_5",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="idx_repertoire_status")]

    def __str__(self) -> str:
        return f"{self.score_id} ({self.status})"


from repertoire.progress.models import UserAchievement  # noqa: E402,F401  (progress, issue 9)
