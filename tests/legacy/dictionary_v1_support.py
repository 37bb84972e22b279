"""Shared pieces of the legacy dictionary tests: the client's DictionaryEntry schema
(frontendv2/src/types/dictionary.ts, zod 4), written out again here by hand so that the
answers are checked against the client's rules rather than against our own sanitiser."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

DATABASES = ["default", "dictionary"]
BASE = "/legacy/api/v1"
# zod 4: z.string().uuid() and z.string().datetime() (no offset, "Z" only).
UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
)
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?Z$")
LANGS = {"en", "es", "fr", "de", "zh-CN", "zh-TW"}
TYPES = {
    "tempo",
    "dynamics",
    "articulation",
    "form",
    "genre",
    "instrument",
    "technique",
    "theory",
    "composer",
    "period",
    "notation",
    "general",
}


def is_datetime(value: Any) -> bool:
    if not (isinstance(value, str) and DATETIME.match(value)):
        return False
    datetime.fromisoformat(value)  # a real calendar date (zod checks the day too)
    return True


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(urlsplit(value).scheme and urlsplit(value).netloc)


def _optional_strings(obj: dict, *keys: str) -> None:
    for key in keys:
        assert key not in obj or isinstance(obj[key], str), key


def _string_list(value: Any) -> None:
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), value


def _score(value: Any, high: int = 100) -> None:
    assert isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= high


def assert_zod_entry(entry: dict) -> None:
    """The client's DictionaryEntrySchema.parse(entry) would succeed."""
    assert UUID.match(entry["id"]), entry["id"]
    assert isinstance(entry["term"], str) and isinstance(entry["normalized_term"], str)
    assert entry["lang"] in LANGS and entry["type"] in TYPES
    assert is_datetime(entry["created_at"]) and is_datetime(entry["updated_at"])
    assert isinstance(entry["version"], int) and entry["version"] >= 1
    if "definition" in entry:
        _definition(entry["definition"])
    if "references" in entry:
        _references(entry["references"])
    if "metadata" in entry:
        _metadata(entry["metadata"])
    if "quality_score" in entry:
        _quality(entry["quality_score"])


def _definition(definition: dict) -> None:
    assert isinstance(definition, dict)
    _optional_strings(definition, "concise", "detailed", "etymology", "usage_example")
    if "pronunciation" in definition:
        pronunciation = definition["pronunciation"]
        _optional_strings(pronunciation, "ipa")
        assert "audio_url" not in pronunciation or is_url(pronunciation["audio_url"])


def _references(references: dict) -> None:
    assert isinstance(references, dict)
    wikipedia = references.get("wikipedia", {})
    assert "url" not in wikipedia or is_url(wikipedia["url"])
    _optional_strings(wikipedia, "extract")
    assert "last_verified" not in wikipedia or is_datetime(wikipedia["last_verified"])
    for book in references.get("books", []):
        assert isinstance(book["title"], str) and isinstance(book["author"], str)
        _optional_strings(book, "isbn")
        for key in ("amazon_url", "affiliate_url"):
            assert key not in book or is_url(book[key])
    for paper in references.get("research_papers", []):
        assert isinstance(paper["title"], str)
        _string_list(paper["authors"])


def _metadata(metadata: dict) -> None:
    assert isinstance(metadata, dict)
    for key in ("related_terms", "categories", "instruments"):
        if key in metadata:
            _string_list(metadata[key])
    levels = {"beginner", "intermediate", "advanced", "professional"}
    assert "difficulty_level" not in metadata or metadata["difficulty_level"] in levels
    assert "last_accessed" not in metadata or is_datetime(metadata["last_accessed"])
    _optional_strings(metadata, "historical_period", "cultural_origin")


def _quality(quality: Any) -> None:
    assert isinstance(quality, dict), "quality_score is an object or absent, never null"
    _score(quality["overall"])
    for key in ("definition_clarity", "reference_completeness", "accuracy_verification"):
        if key in quality:
            _score(quality[key])
    assert "human_verified" not in quality or isinstance(quality["human_verified"], bool)
    assert "last_ai_check" not in quality or is_datetime(quality["last_ai_check"])


def legacy_error(response: Any, status: int) -> dict:
    """The original's error body (`{success: false, error: "<text>"}`); returns it."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False
    assert isinstance(body["error"], str) and body["error"]
    return body


def data_of(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is True and body["data"]
    return body["data"]
