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


class EngagementDay(models.Model):
    """Staff figures for one UTC day, rolled up from every logbook by `engagement_rollup`
    (cron, like the dictionary's daily statistics). A user is active on a day when their
    logbook has practice that day; figures of a day are recomputed until the cron moves on."""

    day = models.DateField(primary_key=True)
    active_users = models.PositiveIntegerField(default=0)
    weekly_active_users = models.PositiveIntegerField(default=0)  # the 7 days ending here
    practice_minutes = models.FloatField(default=0)
    entries = models.PositiveIntegerField(default=0)
    # Of the users active the day before, how many practised again: streaks kept.
    returning_users = models.PositiveIntegerField(default=0)
    streak_retention = models.FloatField(null=True, blank=True)  # returning / active day before
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "engagement_daily"
        ordering = ("-day",)
        verbose_name = "engagement day"

    def __str__(self) -> str:
        return f"{self.day}: {self.active_users} active"
