"""Score input and output shapes. Lists skip serializers on the hot path: the selectors build
the same dicts from `.values()` (`scores.selectors.scores.score_items`, `score_detail`); the
output serializers describe them for the schema."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.pagination import page_of
from scores.models import Score, ScorePage, ScoreVersion, Visibility
from scores.services.uploads import check_images, check_score_file


class ScoreOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    subtitle = serializers.CharField()
    composer = serializers.CharField()
    opus = serializers.CharField()
    movement = serializers.CharField()
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices)
    difficulty_level = serializers.IntegerField(allow_null=True)
    grade_level = serializers.CharField()
    duration_seconds = serializers.IntegerField(allow_null=True)
    time_signature = serializers.CharField()
    key_signature = serializers.CharField()
    tempo_marking = serializers.CharField()
    suggested_tempo = serializers.IntegerField(allow_null=True)
    style_period = serializers.CharField()
    source = serializers.CharField()
    imslp_url = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    slug = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    source_type = serializers.CharField()
    processing_status = serializers.CharField()
    page_count = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    is_owner = serializers.BooleanField()
    thumbnail_url = serializers.CharField(allow_null=True)


ScoreListOutputSerializer = page_of(ScoreOutputSerializer, "ScoreList")


class ScoreDetailOutputSerializer(ScoreOutputSerializer):
    description = serializers.CharField()
    metadata = serializers.DictField()
    processing_error = serializers.CharField()
    view_count = serializers.IntegerField()
    download_count = serializers.IntegerField()


class ScoreMetadataInputSerializer(serializers.Serializer):
    """Metadata an owner may set on upload (all optional) or change later with PATCH."""

    title = serializers.CharField(max_length=300)
    subtitle = serializers.CharField(max_length=300, allow_blank=True)
    composer = serializers.CharField(max_length=200)
    opus = serializers.CharField(max_length=100, allow_blank=True)
    movement = serializers.CharField(max_length=200, allow_blank=True)
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices)
    difficulty_level = serializers.IntegerField(min_value=1, max_value=10, allow_null=True)
    grade_level = serializers.CharField(max_length=50, allow_blank=True)
    duration_seconds = serializers.IntegerField(min_value=1, max_value=86400, allow_null=True)
    time_signature = serializers.CharField(max_length=20, allow_blank=True)
    key_signature = serializers.CharField(max_length=40, allow_blank=True)
    tempo_marking = serializers.CharField(max_length=100, allow_blank=True)
    suggested_tempo = serializers.IntegerField(min_value=1, max_value=400, allow_null=True)
    style_period = serializers.ChoiceField(choices=Score.StylePeriod.choices, allow_blank=True)
    year = serializers.IntegerField(min_value=1000, max_value=2100, allow_null=True)
    description = serializers.CharField(max_length=5000, allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), max_length=30)
    visibility = serializers.ChoiceField(choices=Visibility.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ScoreUploadInputSerializer(ScoreMetadataInputSerializer):
    """multipart/form-data: `file` (a PDF or MusicXML) or `images` (1-20 PNG/JPEG/WebP)."""

    file = serializers.FileField(required=False)
    images = serializers.ListField(child=serializers.FileField(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tags"] = serializers.ListField(
            child=serializers.CharField(max_length=50), max_length=30, required=False
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The metadata, and under `files` the upload checked by its bytes (415, 413 or
        400 `too_many_images` otherwise)."""
        has_file, has_images = bool(attrs.get("file")), bool(attrs.get("images"))
        if has_file == has_images:
            raise serializers.ValidationError(
                {"file": ["Send either one `file` (PDF or MusicXML) or 1 or more `images`."]}
            )
        fields = dict(attrs)
        file, images = fields.pop("file", None), fields.pop("images", None)
        fields["files"] = [check_score_file(file)] if file else check_images(images)
        return fields


class ScoreVersionOutputSerializer(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = ScoreVersion
        fields = (
            "id",
            "format",
            "content_type",
            "file_size_bytes",
            "page_count",
            "resolution",
            "processing_status",
            "processing_error",
            "text_extraction_status",
            "created_at",
            "file_url",
        )

    def get_file_url(self, version: ScoreVersion) -> str:
        return f"/api/scores/{version.score_id}/file/{version.id}"

    def to_representation(self, version: ScoreVersion) -> dict[str, Any]:
        data = super().to_representation(version)
        if not self.context.get("owner"):
            data["processing_error"] = ""  # as on the detail endpoint: the uploader's business
        return data


class ScorePageOutputSerializer(serializers.ModelSerializer):
    image_url = serializers.SerializerMethodField()

    class Meta:
        model = ScorePage
        fields = ("page_number", "width", "height", "mime_type", "file_size_bytes", "image_url")

    def get_image_url(self, page: ScorePage) -> str:
        return f"/api/scores/{page.score_id}/pages/{page.page_number}/image"


class ScoreSummarySerializer(serializers.Serializer):
    """The few fields that name a catalogue piece in a list about it (favourites)."""

    id = serializers.CharField()
    title = serializers.CharField()
    composer = serializers.CharField()
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices)
    difficulty_level = serializers.IntegerField(allow_null=True)
    style_period = serializers.CharField(allow_blank=True)
