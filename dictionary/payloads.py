"""The wire shapes of entries, built from `.values()` rows (the hot path skips serializers)."""

from __future__ import annotations

from typing import Any

ENTRY_FIELDS = (
    "id",
    "term",
    "normalized_term",
    "lang",
    "type",
    "definition",
    "references",
    "metadata",
    "quality",
    "overall_score",
    "source",
    "version",
    "search_count",
    "feedback_count",
    "rating_average",
    "helpful_count",
    "created_at",
    "updated_at",
)
SUMMARY_FIELDS = (
    "id",
    "term",
    "normalized_term",
    "lang",
    "type",
    "definition",
    "overall_score",
    "search_count",
)


def entry_payload(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "term": row["term"],
        "normalized_term": row["normalized_term"],
        "lang": row["lang"],
        "type": row["type"],
        "definition": row["definition"] or {},
        "references": row["references"] or {},
        "metadata": row["metadata"] or {},
        "quality_score": row["overall_score"],
        "quality": row["quality"] or {},
        "source": row["source"],
        "version": row["version"],
        "popularity": {"search_count": row["search_count"]},
        "feedback": feedback_payload(row),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def feedback_payload(row: dict[str, Any]) -> dict[str, Any]:
    average = row["rating_average"]
    return {
        "count": row["feedback_count"],
        "average_rating": round(average, 2) if average is not None else None,
        "helpful_count": row["helpful_count"],
    }


def summary_payload(row: dict[str, Any], match: str) -> dict[str, Any]:
    definition = row["definition"] or {}
    return {
        "id": row["id"],
        "term": row["term"],
        "normalized_term": row["normalized_term"],
        "lang": row["lang"],
        "type": row["type"],
        "concise": definition.get("concise", "") if isinstance(definition, dict) else "",
        "quality_score": row["overall_score"],
        "match": match,
    }
