from __future__ import annotations

from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class DictionaryEntry(models.Model):
    """A music term in one language (lives on the `dictionary` database)."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    term = models.CharField(max_length=200)
    normalized_term = models.CharField(max_length=200)
    lang = models.CharField(max_length=10)
    type = models.CharField(max_length=20, blank=True, default="")
    definition = models.JSONField()
    metadata = models.JSONField(default=dict, blank=True)
    overall_score = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "dictionary_entries"
        verbose_name_plural = "dictionary entries"
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_term", "lang"], name="dictionary_entries_term_lang_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} [{self.lang}]"
