"""Validating a generated entry and scoring its quality (0-100, deterministic).

Points: concise 20, detailed 25, etymology 10, pronunciation 10, usage example 10,
categories 5, related terms 5, an explicit type 5, a reference link 5, and 5 when the
detailed text adds to the concise one. Boilerplate ("as an AI", "lorem ipsum") costs 40.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rest_framework import serializers

from dictionary.models import TermType

BOILERPLATE = re.compile(r"as an ai|language model|lorem ipsum|\btodo\b|\[insert", re.IGNORECASE)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


class InvalidEntry(ValueError):
    pass


class _Pronunciation(serializers.Serializer):
    ipa = serializers.CharField(max_length=200, required=False, allow_blank=True)


class _Definition(serializers.Serializer):
    concise = serializers.CharField(max_length=500)
    detailed = serializers.CharField(max_length=5000)
    etymology = serializers.CharField(max_length=1500, required=False, allow_blank=True)
    pronunciation = _Pronunciation(required=False)
    usage_example = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _names(max_items: int = 20) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=120), max_length=max_items, required=False
    )


class _Metadata(serializers.Serializer):
    categories = _names()
    instruments = _names()
    related_terms = _names()
    synonyms = _names()


class _References(serializers.Serializer):
    wikipedia = serializers.URLField(max_length=500, required=False, allow_blank=True)


class GeneratedEntrySerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=TermType.choices, required=False)
    definition = _Definition()
    metadata = _Metadata(required=False)
    references = _References(required=False)


def parse_entry(text: str) -> dict[str, Any]:
    """The validated content of a model's answer, or InvalidEntry saying what is wrong."""
    cleaned = _FENCE.sub("", text.strip())
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise InvalidEntry("The answer holds no JSON object")
    try:
        data = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise InvalidEntry(f"The answer is not valid JSON: {exc.msg}") from exc
    serializer = GeneratedEntrySerializer(data=data)
    if not serializer.is_valid():
        raise InvalidEntry(f"The entry is incomplete: {json.dumps(serializer.errors)[:300]}")
    return _plain(serializer.validated_data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def score_entry(content: dict[str, Any]) -> int:
    definition = content.get("definition") or {}
    metadata = content.get("metadata") or {}
    concise = (definition.get("concise") or "").strip()
    detailed = (definition.get("detailed") or "").strip()
    points = _length_points(concise, full=(20, 300), full_points=20, partial_points=8)
    points += 25 if len(detailed) >= 150 else 12 if len(detailed) >= 60 else 4 if detailed else 0
    points += 10 if len((definition.get("etymology") or "").strip()) >= 15 else 0
    points += 10 if ((definition.get("pronunciation") or {}).get("ipa") or "").strip() else 0
    points += 10 if len((definition.get("usage_example") or "").strip()) >= 15 else 0
    points += 5 if metadata.get("categories") else 0
    points += 5 if metadata.get("related_terms") else 0
    points += 5 if content.get("type") else 0
    points += 5 if (content.get("references") or {}).get("wikipedia") else 0
    points += 5 if detailed and concise and not detailed.startswith(concise[:40]) else 0
    if BOILERPLATE.search(json.dumps(definition)):
        points -= 40
    return max(0, min(100, points))


def _length_points(
    text: str, *, full: tuple[int, int], full_points: int, partial_points: int
) -> int:
    if full[0] <= len(text) <= full[1]:
        return full_points
    return partial_points if text else 0


def to_entry_content(content: dict[str, Any]) -> dict[str, Any]:
    """Generated content as stored on an entry: references become {wikipedia: {url}}."""
    references = content.get("references") or {}
    url = references.get("wikipedia")
    return {
        "definition": content.get("definition") or {},
        "metadata": content.get("metadata") or {},
        "references": {"wikipedia": {"url": url}} if url else {},
    }
