"""Favourite scores: the scorebook owns them (`scores` database). `user_id` is a plain string
(users live on `default`; no foreign key crosses databases); the score is a real foreign key,
so deleting a score removes it from everyone's favourites."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id
from scores.models.scores import Score


class ScoreFavorite(models.Model):
    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user_id = models.CharField(max_length=40)
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="favorites")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "score_favorites"
        constraints = [
            models.UniqueConstraint(fields=["user_id", "score"], name="score_favorites_unique")
        ]
        # The user's list, newest first.
        indexes = [models.Index(fields=["user_id", "-created_at"], name="idx_favorites_user")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.score_id}"
