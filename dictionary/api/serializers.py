"""Input serializers (query strings and bodies) and output serializers (the documented
shapes; hot paths build the same shapes from `.values()` in dictionary/payloads.py)."""

from __future__ import annotations

from rest_framework import serializers

from dictionary.models import ExportFormat, Lang, Relationship, TermType
from mirubato.api.inputs import ParamsSerializer
from mirubato.api.pagination import page_of

BATCH_LIMIT = 50


class _LangField(serializers.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=Lang.choices, **kwargs)


class _TypeField(serializers.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=TermType.choices, required=False, allow_blank=True, **kwargs)


# --- inputs ------------------------------------------------------------------------------------
class LookupQuerySerializer(ParamsSerializer):
    lang = _LangField(default=Lang.EN)
    type = _TypeField(default="")


class SearchQuerySerializer(ParamsSerializer):
    q = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    lang = _LangField(required=False, allow_blank=True, default="")
    type = _TypeField(default="")
    limit = serializers.IntegerField(min_value=0, max_value=100, default=20)
    offset = serializers.IntegerField(min_value=0, max_value=100_000, default=0)


class SuggestQuerySerializer(ParamsSerializer):
    q = serializers.CharField(max_length=50)
    lang = _LangField(default=Lang.EN)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=10)


class PopularQuerySerializer(ParamsSerializer):
    lang = _LangField(required=False, allow_blank=True, default="")
    days = serializers.IntegerField(min_value=1, max_value=90, default=30)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20)


class BatchInputSerializer(serializers.Serializer):
    terms = serializers.ListField(
        child=serializers.CharField(max_length=200), min_length=1, max_length=BATCH_LIMIT
    )
    lang = _LangField(default=Lang.EN)
    type = _TypeField(default="")


class FeedbackInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    helpful = serializers.BooleanField(required=False, allow_null=True, default=None)
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class ExportQuerySerializer(ParamsSerializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.JSON)
    lang = _LangField(required=False, allow_blank=True, default="")


# --- outputs -----------------------------------------------------------------------------------
class DefinitionSerializer(serializers.Serializer):
    concise = serializers.CharField(required=False)
    detailed = serializers.CharField(required=False)
    etymology = serializers.CharField(required=False)
    pronunciation = serializers.DictField(required=False)
    usage_example = serializers.CharField(required=False)
    translations = serializers.DictField(child=serializers.CharField(), required=False)


class FeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    average_rating = serializers.FloatField(allow_null=True)
    helpful_count = serializers.IntegerField()


class PopularitySerializer(serializers.Serializer):
    search_count = serializers.IntegerField()


class EntrySerializer(serializers.Serializer):
    id = serializers.CharField()
    term = serializers.CharField()
    normalized_term = serializers.CharField()
    lang = serializers.ChoiceField(choices=Lang.choices)
    type = serializers.ChoiceField(choices=TermType.choices)
    definition = DefinitionSerializer()
    references = serializers.DictField()
    metadata = serializers.DictField()
    quality_score = serializers.IntegerField(allow_null=True)
    quality = serializers.DictField()
    source = serializers.CharField()
    version = serializers.IntegerField()
    popularity = PopularitySerializer()
    feedback = FeedbackSummarySerializer()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class SearchItemSerializer(serializers.Serializer):
    id = serializers.CharField()
    term = serializers.CharField()
    normalized_term = serializers.CharField()
    lang = serializers.ChoiceField(choices=Lang.choices)
    type = serializers.ChoiceField(choices=TermType.choices)
    concise = serializers.CharField(allow_blank=True)
    quality_score = serializers.IntegerField(allow_null=True)
    match = serializers.ChoiceField(
        choices=["exact", "prefix", "substring", "typo", "browse", "related"]
    )


class RelatedSerializer(serializers.Serializer):
    entry = SearchItemSerializer()
    relationship_type = serializers.ChoiceField(choices=Relationship.choices)
    confidence = serializers.FloatField()


class LookupSerializer(serializers.Serializer):
    entry = EntrySerializer()
    related_terms = RelatedSerializer(many=True)


class LanguagesSerializer(serializers.Serializer):
    term = serializers.CharField()
    normalized_term = serializers.CharField()
    languages = serializers.DictField(child=EntrySerializer())
    translations = serializers.DictField(child=serializers.CharField())


SearchPageSerializer = page_of(SearchItemSerializer, "Search")


class SuggestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    term = serializers.CharField()
    lang = serializers.ChoiceField(choices=Lang.choices)
    type = serializers.ChoiceField(choices=TermType.choices)


class SuggestResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    items = SuggestionSerializer(many=True)


class PopularItemSerializer(SuggestionSerializer):
    search_count = serializers.IntegerField()


class PopularPageSerializer(page_of(PopularItemSerializer, "PopularItems")):
    period_days = serializers.IntegerField()


class RelatedListSerializer(serializers.Serializer):
    items = RelatedSerializer(many=True)


class BatchFoundSerializer(serializers.Serializer):
    term = serializers.CharField()
    entry = EntrySerializer()


class BatchMissSerializer(serializers.Serializer):
    term = serializers.CharField()
    normalized_term = serializers.CharField()


class BatchSummarySerializer(serializers.Serializer):
    requested = serializers.IntegerField()
    found = serializers.IntegerField()
    missing = serializers.IntegerField()


class BatchResponseSerializer(serializers.Serializer):
    found = BatchFoundSerializer(many=True)
    misses = BatchMissSerializer(many=True)
    summary = BatchSummarySerializer()


class FeedbackSerializer(serializers.Serializer):
    id = serializers.CharField()
    entry_id = serializers.CharField()
    rating = serializers.IntegerField()
    helpful = serializers.BooleanField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class FeedbackResponseSerializer(serializers.Serializer):
    feedback = FeedbackSerializer()
    aggregates = FeedbackSummarySerializer()
