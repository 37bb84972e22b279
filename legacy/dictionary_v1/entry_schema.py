"""What the original client's zod schema accepts in an entry's JSON parts (definition,
references, metadata, quality_score; `types/dictionary.ts`), and one function that keeps
only the parts it accepts.

The client parses every entry it receives and throws the whole answer away when one value
does not match ("Invalid search results format"). Our JSON columns hold what staff and the
pipeline wrote (translations, synonyms, a date without a time...), so each value is checked
against the schema here: a bad optional value is left out, a bad list item is dropped, an
object missing a required key is dropped. Nothing is invented.

A spec is "str", "url", "datetime", "bool", "number", ("number", low, high), ("enum",
values), ("list", spec), or a dict of key → spec where a leading "!" marks a required key.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

DROP = object()  # the value does not match: leave it out

SCORE = ("number", 0, 100)
PRONUNCIATION = {"ipa": "str", "audio_url": "url"}
DEFINITION = {
    "concise": "str",
    "detailed": "str",
    "etymology": "str",
    "pronunciation": PRONUNCIATION,
    "usage_example": "str",
}
VIDEO = {
    "!title": "str",
    "channel": "str",
    "!url": "url",
    "duration": "number",
    "view_count": "number",
    "relevance_score": SCORE,
}
STORE_LINK = {"!store_name": "str", "!product_url": "url", "affiliate_url": "url"}
REFERENCES = {
    "wikipedia": {"url": "url", "extract": "str", "last_verified": "datetime"},
    "books": (
        "list",
        {
            "!title": "str",
            "!author": "str",
            "isbn": "str",
            "amazon_url": "url",
            "affiliate_url": "url",
            "relevance_score": SCORE,
        },
    ),
    "research_papers": (
        "list",
        {
            "!title": "str",
            "!authors": ("list", "str"),
            "doi": "str",
            "url": "url",
            "published_date": "str",
            "abstract_excerpt": "str",
        },
    ),
    "media": {
        "spotify": {"artist_url": "url", "track_urls": ("list", "url"), "playlist_url": "url"},
        "youtube_music": {"artist_url": "url", "playlist_url": "url"},
        "youtube": {"educational_videos": ("list", VIDEO), "performances": ("list", VIDEO)},
    },
    "shopping": {
        "instruments": (
            "list",
            {
                **STORE_LINK,
                "price_range": "str",
                "availability": ("enum", ("in_stock", "limited", "out_of_stock")),
                "rating": ("number", 0, 5),
                "trusted_seller": "bool",
            },
        ),
        "sheet_music": ("list", {**STORE_LINK, "price": "str"}),
        "accessories": ("list", {**STORE_LINK, "price_range": "str"}),
    },
}
METADATA = {
    "search_frequency": "number",
    "last_accessed": "datetime",
    "related_terms": ("list", "str"),
    "categories": ("list", "str"),
    "difficulty_level": ("enum", ("beginner", "intermediate", "advanced", "professional")),
    "instruments": ("list", "str"),
    "historical_period": "str",
    "cultural_origin": "str",
}
QUALITY = {
    "!overall": SCORE,
    "definition_clarity": SCORE,
    "reference_completeness": SCORE,
    "accuracy_verification": SCORE,
    "last_ai_check": "datetime",
    "human_verified": "bool",
    "improvement_suggestions": ("list", "str"),
}
# zod's `z.string().datetime()`: a valid calendar date, a time, and "Z" (no offset).
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?Z$")


def clean(value: Any, spec: Any) -> Any:
    """`value` reduced to what `spec` accepts, or DROP."""
    if isinstance(spec, dict):
        return _object(value, spec)
    if isinstance(spec, tuple):
        return _compound(value, spec)
    return _scalar(value, spec)


def clean_object(value: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """An optional object part: what is left of it, `{}` when nothing is."""
    cleaned = _object(value, spec)
    return {} if cleaned is DROP else cleaned


def _object(value: Any, spec: dict[str, Any]) -> Any:
    if not isinstance(value, dict):
        return DROP
    out = {}
    for name, part in spec.items():
        key, required = name.lstrip("!"), name.startswith("!")
        cleaned = clean(value[key], part) if key in value else DROP
        if cleaned is DROP and required:
            return DROP
        if cleaned is not DROP:
            out[key] = cleaned
    return out


def _compound(value: Any, spec: tuple) -> Any:
    kind = spec[0]
    if kind == "list":
        if not isinstance(value, list):
            return DROP
        return [item for item in (clean(v, spec[1]) for v in value) if item is not DROP]
    if kind == "enum":
        return value if isinstance(value, str) and value in spec[1] else DROP
    number = _scalar(value, "number")  # ("number", low, high)
    return number if number is not DROP and spec[1] <= number <= spec[2] else DROP


def _scalar(value: Any, kind: str) -> Any:
    if kind == "str":
        return value if isinstance(value, str) else DROP
    if kind == "bool":
        return value if isinstance(value, bool) else DROP
    if kind == "number":
        plain = isinstance(value, int | float) and not isinstance(value, bool)
        return value if plain and math.isfinite(value) else DROP
    if kind == "url":
        return value if _is_url(value) else DROP
    if kind == "datetime":
        return iso_z(value)
    raise ValueError(f"unknown spec {kind!r}")


def _is_url(value: Any) -> bool:
    """An absolute http(s) URL (stricter than the client's `new URL()`, never looser)."""
    if not isinstance(value, str) or value != value.strip() or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def iso_z(value: Any) -> Any:
    """An ISO time as the client wants it (UTC, "Z"): an offset is converted, a date or a
    time without a zone taken as UTC; anything that is not a real time is DROP."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return DROP
    if not isinstance(value, datetime):
        return DROP
    moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    text = moment.isoformat().replace("+00:00", "Z")
    return text if ISO_Z.match(text) else DROP
