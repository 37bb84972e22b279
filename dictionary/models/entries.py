"""Entries and what hangs off them: feedback, relations, search analytics."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dictionary.models.choices import EntrySource, EntryStatus, Lang, Relationship, TermType
from dictionary.normalize import normalize_term, search_key, synonym_keys
from mirubato.ids import ID_LENGTH, new_id
from mirubato.substring_index import SubstringIndex

USER_ID_LENGTH = ID_LENGTH


class DictionaryEntry(models.Model):
    """A music term in one language. `normalized_term` keeps accents (unique per language);
    `search_key` drops them so `creme` finds `crème`. Both are derived from `term` on save."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    term = models.CharField(max_length=200)
    normalized_term = models.CharField(max_length=200, editable=False)
    search_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    lang = models.CharField(max_length=10, choices=Lang.choices, default=Lang.EN)
    type = models.CharField(max_length=20, choices=TermType.choices, default=TermType.GENERAL)
    # {concise, detailed, etymology, pronunciation: {ipa}, usage_example, translations: {lang}}
    definition = models.JSONField()
    references = models.JSONField(default=dict, blank=True, db_column="refs")
    # {related_terms, categories, instruments, synonyms, ...}
    metadata = models.JSONField(default=dict, blank=True)
    # "|key|key|" of metadata.synonyms, so SQL can match synonyms without JSON functions.
    synonym_keys = models.TextField(default="", blank=True, editable=False)
    quality = models.JSONField(default=dict, blank=True)
    overall_score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        max_length=12, choices=EntryStatus.choices, default=EntryStatus.PUBLISHED
    )
    source = models.CharField(max_length=12, choices=EntrySource.choices, default=EntrySource.STAFF)
    version = models.PositiveIntegerField(default=1)
    # Popularity: found lookups over the last 30 days, rolled up by `dictionary_stats`.
    search_count = models.PositiveIntegerField(default=0)
    feedback_count = models.PositiveIntegerField(default=0)
    rating_average = models.FloatField(null=True, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "dictionary_entries"
        verbose_name_plural = "dictionary entries"
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_term", "lang"], name="dictionary_entries_term_lang_unique"
            ),
            models.CheckConstraint(
                condition=Q(overall_score__isnull=True) | Q(overall_score__lte=100),
                name="dictionary_entries_score_0_100",
            ),
        ]
        indexes = [
            # Lookups filter on all three; leading with the key keeps it selective.
            models.Index(fields=["search_key", "lang", "status"], name="dict_entries_key_lang"),
            models.Index(fields=["lang", "status", "type"], name="dict_entries_lang_status"),
        ]

    def __str__(self) -> str:
        return f"{self.term} [{self.lang}]"

    def save(self, *args, **kwargs) -> None:
        self.refresh_keys()
        super().save(*args, **kwargs)

    def refresh_keys(self) -> None:
        """Derive the stored keys from `term` and `metadata.synonyms` (one rule, everywhere)."""
        self.normalized_term = normalize_term(self.term)
        self.search_key = search_key(self.normalized_term)
        self.synonym_keys = synonym_keys((self.metadata or {}).get("synonyms") or [])


# What search's substring tier reads through (`mirubato.substring_index`), installed by 0003.
KEY_SEARCH = SubstringIndex(
    "dictionary", DictionaryEntry._meta.db_table, ("search_key", "synonym_keys")
)


class UserFeedback(models.Model):
    """One rating per user and entry; submitting again updates it."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    entry = models.ForeignKey(DictionaryEntry, on_delete=models.CASCADE, related_name="feedback")
    user_id = models.CharField(max_length=USER_ID_LENGTH, db_index=True)
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helpful = models.BooleanField(null=True, blank=True)
    comment = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "user_feedback"
        verbose_name_plural = "user feedback"
        constraints = [
            models.UniqueConstraint(fields=["entry", "user_id"], name="user_feedback_one_per_user"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="user_feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 by {self.user_id}"


class RelatedTerm(models.Model):
    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    entry = models.ForeignKey(DictionaryEntry, on_delete=models.CASCADE, related_name="relations")
    related_entry = models.ForeignKey(DictionaryEntry, on_delete=models.CASCADE, related_name="+")
    relationship_type = models.CharField(max_length=12, choices=Relationship.choices)
    confidence = models.FloatField(default=1.0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "related_terms"
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "related_entry", "relationship_type"],
                name="related_terms_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.relationship_type} {self.related_entry_id}"


class SearchAnalytics(models.Model):
    """One row per lookup or search. `user_id` is cleared when the account is erased; the row
    stays for statistics."""

    class Source(models.TextChoices):
        LOOKUP = "lookup"
        SEARCH = "search"
        BATCH = "batch"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    term = models.CharField(max_length=200)
    normalized_term = models.CharField(max_length=200, db_index=True)
    found = models.BooleanField()
    entry_id = models.CharField(max_length=ID_LENGTH, blank=True, default="", db_index=True)
    response_time_ms = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=10, choices=Source.choices)
    search_lang = models.CharField(max_length=10, blank=True, default="")
    result_lang = models.CharField(max_length=10, blank=True, default="")
    user_id = models.CharField(max_length=USER_ID_LENGTH, blank=True, default="", db_index=True)
    searched_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "search_analytics"
        verbose_name_plural = "search analytics"

    def __str__(self) -> str:
        return f"{self.term} ({'found' if self.found else 'missed'})"
