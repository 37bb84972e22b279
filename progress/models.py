"""Achievements a user has been awarded (`default` database)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class UserAchievement(models.Model):
    """One achievement of the catalogue (`progress.achievements`), awarded once.

    `earned_at` is when the practice that earned it happened (not when the server noticed), so
    an entry synced late gives its own date; it only ever moves earlier. Deleting entries later
    does not take an award back."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="achievements"
    )
    code = models.CharField(max_length=40)
    earned_at = models.DateTimeField()
    # The logbook entry that earned it; "" when the repertoire did.
    entry_id = models.CharField(max_length=255, blank=True, default="")
    awarded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "user_achievements"
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="user_achievements_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.user_id})"
