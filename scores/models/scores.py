"""Scores and what belongs to one score alone: its stored versions, rendered pages and counters.
Owners are plain user-id strings: no foreign key crosses databases. Table names follow the
schema specification."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mirubato.ids import new_id
from mirubato.substring_index import SubstringIndex
from scores.caching import catalogue_changed
from scores.models.choices import ProcessingStatus, Visibility
from scores.score_ids import new_score_id, score_id_for
from scores.text import fold

SEARCH_FIELDS = ("search_title", "search_composer", "search_text", "search_tags", "normalized_id")


# What describes a piece in the catalogue: set by imports, shown by every reader (API, export).
DESCRIPTIVE_FIELDS = (
    "title",
    "subtitle",
    "composer",
    "opus",
    "movement",
    "instrument",
    "difficulty",
    "difficulty_level",
    "grade_level",
    "duration_seconds",
    "time_signature",
    "key_signature",
    "tempo_marking",
    "suggested_tempo",
    "style_period",
    "imslp_url",
    "year",
    "tags",
)
# Where a stored score stands: owner-facing state shown next to the description.
STATE_FIELDS = ("visibility", "source_type", "processing_status", "page_count")


class ScoreQuerySet(models.QuerySet):
    """Bulk writes tell the catalogue cache, as `Score.save` and `Score.delete` do, so no
    write path (a service, the admin, processing, an import) can leave a stale page behind.
    `bulk_update` goes through `update`."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        catalogue_changed()
        return changed

    update.alters_data = True

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        catalogue_changed()
        return created

    bulk_create.alters_data = True

    def delete(self):
        deleted = super().delete()
        catalogue_changed()
        return deleted

    delete.alters_data = True
    delete.queryset_only = True


class Score(models.Model):
    """A piece of sheet music: a catalogue entry (no owner) or a user's upload."""

    class Instrument(models.TextChoices):
        PIANO = "piano"
        GUITAR = "guitar"
        BOTH = "both"

    class Difficulty(models.TextChoices):
        BEGINNER = "beginner"
        INTERMEDIATE = "intermediate"
        ADVANCED = "advanced"

    class StylePeriod(models.TextChoices):
        BAROQUE = "baroque"
        CLASSICAL = "classical"
        ROMANTIC = "romantic"
        MODERN = "modern"
        CONTEMPORARY = "contemporary"

    class Source(models.TextChoices):
        IMSLP = "imslp"
        UPLOAD = "upload"
        GENERATED = "generated"
        MANUAL = "manual"

    class SourceType(models.TextChoices):
        NONE = "", "No file"
        PDF = "pdf"
        MUSICXML = "musicxml"
        IMAGES = "multi-image", "Images"

    id = models.CharField(primary_key=True, max_length=40, default=new_score_id, editable=False)
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True, default="")
    composer = models.CharField(max_length=200)
    opus = models.CharField(max_length=100, blank=True, default="")
    movement = models.CharField(max_length=200, blank=True, default="")
    instrument = models.CharField(max_length=16, choices=Instrument.choices)
    difficulty = models.CharField(max_length=16, choices=Difficulty.choices)
    difficulty_level = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    grade_level = models.CharField(max_length=50, blank=True, default="")
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    time_signature = models.CharField(max_length=20, blank=True, default="")
    key_signature = models.CharField(max_length=40, blank=True, default="")
    tempo_marking = models.CharField(max_length=100, blank=True, default="")
    suggested_tempo = models.PositiveIntegerField(null=True, blank=True)
    style_period = models.CharField(
        max_length=20, blank=True, default="", choices=StylePeriod.choices
    )
    source = models.CharField(max_length=50, blank=True, default="", choices=Source.choices)
    imslp_url = models.URLField(max_length=500, blank=True, default="", db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    # Owner: a user id on the default database; "" for platform (catalogue) content.
    user_id = models.CharField(max_length=40, blank=True, default="", db_index=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE, db_index=True
    )
    slug = models.SlugField(max_length=120, blank=True, default="")
    # Stable key of a catalogue row (import_catalog upserts by it); "" for uploads.
    catalogue_key = models.CharField(max_length=120, blank=True, default="")
    normalized_id = models.CharField(max_length=600, blank=True, default="", db_index=True)
    source_type = models.CharField(
        max_length=16, blank=True, default="", choices=SourceType.choices
    )
    processing_status = models.CharField(
        max_length=12, choices=ProcessingStatus.choices, default=ProcessingStatus.COMPLETED
    )
    processing_error = models.TextField(blank=True, default="")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    thumbnail = models.FileField(max_length=300, blank=True, default="", db_column="thumbnail_key")
    # Folded copies for accent- and case-insensitive search on SQLite and PostgreSQL alike;
    # written only by refresh_search_keys().
    search_title = models.CharField(max_length=300, blank=True, default="", editable=False)
    search_composer = models.CharField(max_length=200, blank=True, default="", editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    search_tags = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        db_table = "scores"
        indexes = [
            models.Index(fields=["visibility", "instrument", "difficulty"]),
            models.Index(fields=["search_composer"]),
            models.Index(fields=["style_period"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue_key"],
                condition=~Q(catalogue_key=""),
                name="scores_unique_catalogue_key",
            ),
            models.CheckConstraint(
                condition=Q(difficulty_level__isnull=True)
                | Q(difficulty_level__gte=1, difficulty_level__lte=10),
                name="scores_difficulty_level_1_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.composer})"

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *SEARCH_FIELDS}
        super().save(*args, **kwargs)
        catalogue_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        catalogue_changed()
        return deleted

    def refresh_search_keys(self) -> None:
        """Recompute the folded search columns and normalized id from the visible fields."""
        self.search_title = fold(self.title)[:300]
        self.search_composer = fold(self.composer)[:200]
        tags = [fold(str(tag)) for tag in self.tags or []]
        self.search_tags = "".join(f"|{tag}|" for tag in tags)
        parts = [self.title, self.subtitle, self.composer, self.opus, self.movement, *tags]
        self.search_text = fold(" ".join(p for p in parts if p))
        self.normalized_id = score_id_for(self.title, self.composer)[:600]


# What the catalogue's text search reads through (`mirubato.substring_index`), from 0101.
TEXT_SEARCH = SubstringIndex("scores", Score._meta.db_table, ("search_text", "search_title"))


class ScoreVersion(models.Model):
    """One stored file of a score (the upload) and what processing learnt from it."""

    class Format(models.TextChoices):
        PDF = "pdf"
        MUSICXML = "musicxml"
        IMAGE = "image"
        VEXFLOW = "vexflow"
        ABC = "abc"

    class TextStatus(models.TextChoices):
        PENDING = "pending"
        COMPLETED = "completed"
        FAILED = "failed"
        NO_TEXT = "no_text"

    id = models.CharField(primary_key=True, max_length=26, default=new_id, editable=False)
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="versions")
    format = models.CharField(max_length=10, choices=Format.choices)
    file = models.FileField(max_length=300, db_column="r2_key")
    # Every source image of an image upload, in page order (file is the first of them).
    source_keys = models.JSONField(default=list, blank=True)
    content_type = models.CharField(max_length=100, blank=True, default="")
    file_size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    resolution = models.CharField(max_length=20, blank=True, default="")
    processing_status = models.CharField(
        max_length=12, choices=ProcessingStatus.choices, default=ProcessingStatus.PENDING
    )
    processing_error = models.TextField(blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    extracted_text = models.TextField(blank=True, default="")
    text_extraction_status = models.CharField(
        max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    pdf_metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "score_versions"
        indexes = [models.Index(fields=["processing_status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.score_id} {self.format} ({self.processing_status})"


class ScorePage(models.Model):
    """A rendered page image (1200 px WebP) of a processed version."""

    id = models.CharField(primary_key=True, max_length=26, default=new_id, editable=False)
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="pages")
    version = models.ForeignKey(
        ScoreVersion, on_delete=models.CASCADE, related_name="pages", null=True, blank=True
    )
    page_number = models.PositiveIntegerField()
    image = models.FileField(max_length=300, db_column="image_url")
    mime_type = models.CharField(max_length=40, default="image/webp")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    file_size_bytes = models.PositiveIntegerField(null=True, blank=True)
    ocr_text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "score_pages"
        ordering = ["page_number"]
        constraints = [
            models.UniqueConstraint(fields=["score", "page_number"], name="score_pages_unique_page")
        ]

    def __str__(self) -> str:
        return f"{self.score_id} p.{self.page_number}"


class ScoreAnalytics(models.Model):
    """Counters of a score; incremented with F() so concurrent requests never lose a count."""

    score = models.OneToOneField(
        Score, on_delete=models.CASCADE, primary_key=True, related_name="analytics"
    )
    view_count = models.PositiveIntegerField(default=0)
    download_count = models.PositiveIntegerField(default=0)
    render_count = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        db_table = "score_analytics"
        verbose_name_plural = "score analytics"

    def __str__(self) -> str:
        return f"{self.score_id}: {self.view_count} views, {self.download_count} downloads"
