"""The original dictionary service's wire (`/api/v1`), as pure functions: our entry rows →
its zod-checked DictionaryEntry (snake_case, UUID ids, ISO "Z" times, `quality_score` an
object or absent), and its query strings and bodies → the fields our input serializers check
(docs/web-client.md, "Scores and dictionary")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.exceptions import ValidationError

from legacy.dictionary_v1.entry_schema import (
    DEFINITION,
    DROP,
    METADATA,
    QUALITY,
    REFERENCES,
    clean,
    clean_object,
    iso_z,
)
from legacy.dictionary_v1.ids import entry_uuid

TRUE = "true"
# Quality keys our `quality` column may carry that the client's quality_score knows.
QUALITY_EXTRAS = tuple(key.lstrip("!") for key in QUALITY if key != "!overall")


def entry(row: dict[str, Any]) -> dict[str, Any]:
    """One of our entry rows (`entry_get`, `entry_lookup`) as the client's DictionaryEntry.
    Our extras (source, feedback, popularity, translations, synonyms) are left out: the
    client's schema would strip them anyway."""
    body = {
        "id": entry_uuid(row["id"]),
        "term": row["term"],
        "normalized_term": row["normalized_term"],
        "lang": row["lang"],
        "type": row["type"],
        "definition": clean_object(row["definition"], DEFINITION),
        "references": clean_object(row["references"], REFERENCES),
        "metadata": clean_object(row["metadata"], METADATA),
        "created_at": iso_z(row["created_at"]),
        "updated_at": iso_z(row["updated_at"]),
        "version": max(1, row["version"] or 1),
    }
    quality = quality_score(row)
    if quality is not None:
        body["quality_score"] = quality
    return body


def quality_score(row: dict[str, Any]) -> dict[str, Any] | None:
    """`{overall, ...}` from our 0-100 score and the quality notes the client knows (e.g.
    `human_verified`); None (the key left out, never null) for an unscored entry."""
    if row["overall_score"] is None:
        return None
    notes = row["quality"] if isinstance(row["quality"], dict) else {}
    known = {key: notes[key] for key in QUALITY_EXTRAS if key in notes}
    cleaned = clean({"overall": row["overall_score"], **known}, QUALITY)
    return None if cleaned is DROP else cleaned


def related(item: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """One of our related-term items, its entry re-read in full."""
    return {
        "entry": entry(row),
        "relationship_type": item["relationship_type"],
        "confidence_score": item["confidence"],
    }


def languages_wanted(query: Mapping[str, Any]) -> list[str]:
    """`languages=en,es` as a list ([] for every language)."""
    return [code.strip() for code in (query.get("languages") or "").split(",") if code.strip()]


def search_params(query: Mapping[str, Any]) -> dict[str, Any]:
    """D1's query as our SearchQuerySerializer's: `searchAllLanguages=true` searches every
    language (as the original did), the first of a comma `type` list is used, and the
    filters our search does not have (difficulty, instruments, min_quality, has_references,
    has_audio, languages, sort_by, sort_order) are not applied."""
    params = {name: query[name] for name in ("q", "limit", "offset") if name in query}
    params["lang"] = "" if query.get("searchAllLanguages") == TRUE else query.get("lang", "")
    types = [t.strip() for t in (query.get("type") or "").split(",") if t.strip()]
    params["type"] = types[0] if types else ""
    return params


def lookup_params(query: Mapping[str, Any]) -> dict[str, Any]:
    """D2's query as our LookupQuerySerializer's (`generate_if_missing` needs nothing: every
    miss is queued for writing anyway)."""
    return {name: query[name] for name in ("lang", "type") if name in query}


def searches_all_languages(query: Mapping[str, Any]) -> bool:
    return query.get("searchAllLanguages") == TRUE


def suggestions(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """`[{term}]`, one per term (the same term in two languages once)."""
    return [{"term": term} for term in dict.fromkeys(item["term"] for item in items)]


def popular(items: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(item["term"] for item in items))


def feedback_fields(data: Any) -> dict[str, Any]:
    """D6's `{helpful, rating?, text?}` as our FeedbackInputSerializer's fields: "helpful"
    is a 5 and "not helpful" a 1 unless the client also sent its own rating."""
    if not isinstance(data, Mapping):
        raise ValidationError({"body": ["Expected a JSON object."]})
    fields = {name: data[name] for name in ("rating", "helpful") if name in data}
    if "rating" not in fields and isinstance(fields.get("helpful"), bool):
        fields["rating"] = 5 if fields["helpful"] else 1
    if "text" in data:
        fields["comment"] = data["text"]
    return fields


def feedback(record: Any, *, created: bool, aggregates: dict[str, Any]) -> dict[str, Any]:
    return {
        "feedback_id": record.id,
        "entry_id": entry_uuid(record.entry_id),
        "rating": record.rating,
        "helpful": record.helpful,
        "created": created,
        "aggregates": aggregates,
    }
