from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id

SCORE_ID_LENGTH = 255


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
    score_id = models.CharField(max_length=SCORE_ID_LENGTH, db_index=True)
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
        indexes = [
            models.Index(fields=["status"], name="idx_repertoire_status"),
            models.Index(fields=["user", "updated_at"], name="idx_repertoire_user_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.score_id} ({self.status})"


class RepertoireStatusChange(models.Model):
    """One dated status change of a repertoire item (the original appended text markers to the
    notes, which a notes edit then lost). The first row, with no `from_status`, is the status
    the item was added with."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    item = models.ForeignKey(UserRepertoire, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(
        max_length=16, choices=UserRepertoire.Status.choices, blank=True, default=""
    )
    to_status = models.CharField(max_length=16, choices=UserRepertoire.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "repertoire_status_history"
        verbose_name = "status change"
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["item", "changed_at"], name="idx_status_history_item")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class ScoreAnnotation(models.Model):
    """A user's mark on one page of a score; `annotation_data` is the client's drawing JSON."""

    class Type(models.TextChoices):
        HIGHLIGHT = "highlight"
        TEXT = "text"
        DRAWING = "drawing"
        MEASURE_BRACKET = "measure_bracket"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="score_annotations"
    )
    score_id = models.CharField(max_length=SCORE_ID_LENGTH)
    page_number = models.PositiveIntegerField()
    annotation_data = models.JSONField()
    annotation_type = models.CharField(max_length=20, choices=Type.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "score_annotations"
        verbose_name = "score annotation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page_number__gte=1), name="score_annotations_page_1"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    annotation_type__in=["highlight", "text", "drawing", "measure_bracket"]
                ),
                name="score_annotations_type_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "score_id"], name="idx_annotations_user_score"),
            models.Index(fields=["score_id", "page_number"], name="idx_annotations_page"),
        ]

    def __str__(self) -> str:
        return f"{self.annotation_type} on {self.score_id} p.{self.page_number}"


class Goal(models.Model):
    """A musician's goal. `current_value` is the sum of the recorded `goal_progress` rows;
    practice-time goals also count the minutes of logbook entries that link them (computed)."""

    class Type(models.TextChoices):
        PRACTICE_TIME = "practice_time"
        ACCURACY = "accuracy"
        REPERTOIRE = "repertoire"
        CUSTOM = "custom"

    class Status(models.TextChoices):
        ACTIVE = "active"
        COMPLETED = "completed"
        ABANDONED = "abandoned"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    type = models.CharField(max_length=20, choices=Type.choices)
    target_value = models.PositiveIntegerField(null=True, blank=True)
    current_value = models.FloatField(default=0)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    score_id = models.CharField(max_length=SCORE_ID_LENGTH, blank=True, default="")
    measures = models.JSONField(null=True, blank=True)
    practice_plan = models.JSONField(null=True, blank=True)
    milestones = models.JSONField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "goals"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=["practice_time", "accuracy", "repertoire", "custom"]),
                name="goals_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["active", "completed", "abandoned"]),
                name="goals_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "status"], name="idx_goals_user_status"),
            models.Index(fields=["user", "created_at"], name="idx_goals_user_created"),
        ]

    def __str__(self) -> str:
        return self.title


class GoalProgress(models.Model):
    """One recorded step towards a goal (`value` is added to the goal's current value)."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    value = models.FloatField()
    notes = models.TextField(blank=True, default="")
    session_id = models.CharField(max_length=255, blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "goal_progress"
        verbose_name = "goal progress"
        verbose_name_plural = "goal progress"
        indexes = [models.Index(fields=["goal", "recorded_at"], name="idx_goal_progress_goal")]

    def __str__(self) -> str:
        return f"{self.value:+g} on {self.goal_id}"
