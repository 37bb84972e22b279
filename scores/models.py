from __future__ import annotations

from django.db import models
from django.utils import timezone

from scores.score_ids import new_score_id


class Score(models.Model):
    """A piece of sheet music in the catalogue (lives on the `scores` database)."""

    class Instrument(models.TextChoices):
        PIANO = "piano"
        GUITAR = "guitar"
        BOTH = "both"

    class Difficulty(models.TextChoices):
        BEGINNER = "beginner"
        INTERMEDIATE = "intermediate"
        ADVANCED = "advanced"

    id = models.CharField(primary_key=True, max_length=40, default=new_score_id, editable=False)
    title = models.CharField(max_length=300)
    composer = models.CharField(max_length=200)
    opus = models.CharField(max_length=100, blank=True, default="")
    movement = models.CharField(max_length=200, blank=True, default="")
    instrument = models.CharField(max_length=16, choices=Instrument.choices)
    difficulty = models.CharField(max_length=16, choices=Difficulty.choices)
    difficulty_level = models.PositiveSmallIntegerField(null=True, blank=True)
    grade_level = models.CharField(max_length=50, blank=True, default="")
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    time_signature = models.CharField(max_length=20, blank=True, default="")
    key_signature = models.CharField(max_length=40, blank=True, default="")
    tempo_marking = models.CharField(max_length=100, blank=True, default="")
    suggested_tempo = models.PositiveIntegerField(null=True, blank=True)
    style_period = models.CharField(max_length=20, blank=True, default="")
    source = models.CharField(max_length=50, blank=True, default="")
    imslp_url = models.URLField(max_length=500, blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "scores"

    def __str__(self) -> str:
        return f"{self.title} ({self.composer})"
