"""The original scores service's wire, as pure functions: our rows and dicts → its JSON
(snake_case score fields, camelCase collections with `is_default`), and its requests → the
fields our input serializers check (docs/web-client.md, "Scores and dictionary"). No rule
lives here: every value still passes the scores app's own serializers and services."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.exceptions import ValidationError

from scores.api.inputs import ScoreMetadataInputSerializer

# The client's `sortBy` names are exactly our `ordering` names; `sortOrder=desc` is the "-".
SORT_ORDERS = ("asc", "desc")
# Query parameters the client sends that our catalogue knows under the same name.
PASSED_THROUGH = ("instrument", "difficulty", "composer")
# A curated collection names its members with this tag (K3, K5); the catalogue list (K1)
# answers a search for it with the collection's scores.
MEMBERSHIP_TAG = "collection:"
# The score fields an uploader may set: those of our own metadata serializer.
UPLOAD_FIELDS = tuple(ScoreMetadataInputSerializer().fields)
DEFAULT_PDF_NAME = "uploaded.pdf"


def body_object(data: Any) -> Mapping[str, Any]:
    """A request body that must be a JSON object (or a form)."""
    if not isinstance(data, Mapping):
        raise ValidationError({"body": ["Expected a JSON object."]})
    return data


# --- scores -----------------------------------------------------------------------------------


def score(row: dict[str, Any]) -> dict[str, Any]:
    """A score item or detail (already snake_case, as the original's rows were) with the
    original's extras: `tags`/`metadata` never null, camelCase copies of the two times. The
    REST thumbnail URL is left out: the client builds its own file URLs (KU1-KU4)."""
    out = {key: value for key, value in row.items() if key != "thumbnail_url"}
    out["tags"] = out.get("tags") or []
    out["metadata"] = out.get("metadata") or {}
    out["createdAt"] = out.get("created_at")
    out["updatedAt"] = out.get("updated_at")
    return out


def page(items: list[dict[str, Any]], *, total: int, limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "hasMore": offset + len(items) < total,
    }


def pagination(*, total: int, limit: int, offset: int, count: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "hasMore": offset + count < total}


def catalogue_params(query: Mapping[str, Any]) -> dict[str, Any]:
    """The client's list parameters as our CatalogueParams: `query` → `q`, `tags[]` (axios'
    array form) and `tags` → one comma list, `sortBy` + `sortOrder` → `ordering`."""
    params: dict[str, Any] = {name: query[name] for name in PASSED_THROUGH if name in query}
    if "query" in query:
        params["q"] = query["query"]
    tags = _all_values(query, "tags[]") + _all_values(query, "tags")
    if tags:
        params["tags"] = ",".join(tags)
    if query.get("sortBy"):
        params["ordering"] = _ordering(query["sortBy"], query.get("sortOrder") or "asc")
    return params


def _all_values(query: Mapping[str, Any], name: str) -> list[str]:
    values = query.getlist(name) if hasattr(query, "getlist") else query.get(name)
    if values is None:
        return []
    return [values] if isinstance(values, str) else list(values)


def _ordering(sort_by: str, sort_order: str) -> str:
    if sort_order not in SORT_ORDERS:
        raise ValidationError({"sortOrder": ["Must be asc or desc."]})
    return f"-{sort_by}" if sort_order == "desc" else sort_by


def membership_slug(params: dict[str, Any]) -> str:
    """The curated collection named by a lone `collection:<slug>` tag, or ""."""
    tags = [tag for tag in (params.get("tags") or "").split(",") if tag.strip()]
    if len(tags) == 1 and tags[0].startswith(MEMBERSHIP_TAG):
        return tags[0].removeprefix(MEMBERSHIP_TAG)
    return ""


def metadata(score: Any) -> dict[str, Any]:
    """K19: the page count (0 until processing has counted the pages)."""
    return {"numPages": score.page_count or 0, "scoreId": score.id, "title": score.title}


def render_status(score: Any, page_numbers: list[int]) -> dict[str, Any]:
    """K20: pages are rendered ahead by process_scores; nothing renders on demand here."""
    return {
        "scoreId": score.id,
        "preRenderedPages": page_numbers,
        "preRenderedCount": len(page_numbers),
        "hasThumbnail": bool(score.thumbnail),
        "browserAvailable": False,
        "renderingEnabled": False,
    }


# --- collections ------------------------------------------------------------------------------


def curated_collection(item: dict[str, Any]) -> dict[str, Any]:
    """A staff-curated collection: public, owned by "admin", tagged with its membership tag
    so the client's "scores of this collection" search (K1 by tags) finds its members."""
    body = {
        "id": item["id"],
        "name": item["name"],
        "slug": item["slug"],
        "description": item["description"],
        "visibility": "public",
        "tags": [f"{MEMBERSHIP_TAG}{item['slug']}"],
        "ownerId": "",
        "ownerType": "admin",
        "instrument": item["instrument"],
        "difficulty": item["difficulty"],
        "displayOrder": item["display_order"],
        "isFeatured": item["is_featured"],
        "scoreIds": item["score_ids"],
        "scoreCount": item["score_count"],
        "createdAt": item["created_at"],
        "updatedAt": item["updated_at"],
    }
    if "scores" in item:
        body["scores"] = [score(row) for row in item["scores"]]
    return body


def user_collection(item: dict[str, Any], *, viewer: str) -> dict[str, Any]:
    """A user's collection: camelCase as the original's, but `is_default` in snake_case, the
    one key the client reads that way."""
    body = {
        "id": item["id"],
        "name": item["name"],
        "slug": item["slug"],
        "description": item["description"],
        "visibility": item["visibility"],
        "tags": item["tags"] or [],
        "is_default": item["is_default"],
        "isDefault": item["is_default"],
        "ownerId": viewer if item["is_owner"] else "",
        "ownerType": "user",
        "collectionType": item["collection_type"],
        "displayOrder": item["display_order"],
        "sharedWith": [],
        "scoreIds": item["score_ids"],
        "scoreCount": item["score_count"],
        "createdAt": item["created_at"],
        "updatedAt": item["updated_at"],
    }
    if "scores" in item:
        body["scores"] = [score(row) for row in item["scores"]]
    return body


def collection_fields(data: Any) -> dict[str, Any]:
    """K9/K10 bodies are already our field names (name, description, visibility, tags)."""
    return dict(body_object(data))


def member(data: Any) -> dict[str, Any]:
    """K12 `{scoreId}` as our MemberAddInputSerializer's fields."""
    body = body_object(data)
    fields = {"score_id": body.get("scoreId")}
    if body.get("position") is not None:
        fields["position"] = body["position"]
    return fields


def score_ids(data: Any) -> dict[str, Any]:
    """`{scoreIds}` of the batch calls (K14, K15, K18, K25) as our list field."""
    return {"score_ids": body_object(data).get("scoreIds")}


def score_collections(collections: list[Any]) -> list[dict[str, str]]:
    return [{"id": c.id, "name": c.name} for c in collections]


# --- uploads ----------------------------------------------------------------------------------


def upload_fields(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The score fields of an upload's metadata; nulls are the original's "not set", and
    keys our scores do not have (id, source, ...) are dropped."""
    return {k: v for k, v in metadata.items() if k in UPLOAD_FIELDS and v is not None}


def pdf_upload(data: Mapping[str, Any]) -> dict[str, Any]:
    """K22: multipart `file` plus `metadata`, a JSON object in a string."""
    text = data.get("metadata") or "{}"
    try:
        metadata = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        metadata = None
    if not isinstance(metadata, dict):
        raise ValidationError({"metadata": ["Must be a JSON object."]})
    return {**upload_fields(metadata), "file": data.get("file")}


def images_upload(data: Any) -> dict[str, Any]:
    """K24: `{images: [{filename, data: "data:image/...;base64,..."}], title?, ...}`, the
    images decoded into files (their content, not the declared type, decides what they are)."""
    body = body_object(data)
    images = body.get("images")
    if not isinstance(images, list) or not images:
        raise ValidationError({"images": ["Send 1 or more images."]})
    files = [_image_file(index, image) for index, image in enumerate(images)]
    return {**upload_fields(body), "images": files}


def _image_file(index: int, image: Any) -> SimpleUploadedFile:
    if not isinstance(image, Mapping):
        raise ValidationError({"images": [f"Image {index}: expected {{filename, data}}."]})
    name = image.get("filename") if isinstance(image.get("filename"), str) else ""
    content = decode_data_url(image.get("data"), field=f"images[{index}].data")
    return SimpleUploadedFile(name or f"page-{index + 1}", content)


def url_upload(data: Any) -> dict[str, Any]:
    """K23: `{url, filename?}`. Only a `data:` URL is accepted: this server never fetches
    a web address for a client (no requests to arbitrary hosts on a user's behalf)."""
    body = body_object(data)
    url = body.get("url")
    if not isinstance(url, str) or not url:
        raise ValidationError({"url": ["This field is required."]})
    if url.lower().startswith(("http://", "https://")):
        raise ValidationError(
            {
                "url": [
                    "Importing from a web address is not supported: download the PDF "
                    "and upload the file instead."
                ]
            }
        )
    name = body.get("filename") if isinstance(body.get("filename"), str) else ""
    content = decode_data_url(url, field="url")
    return {"file": SimpleUploadedFile(name or DEFAULT_PDF_NAME, content)}


def decode_data_url(value: Any, *, field: str) -> bytes:
    """The bytes of a base64 `data:` URL (RFC 2397); its media type is ignored."""
    if not isinstance(value, str) or not value.startswith("data:") or "," not in value:
        raise ValidationError({field: ["Must be a base64 data: URL."]})
    header, payload = value.split(",", 1)
    if not header.endswith(";base64"):
        raise ValidationError({field: ["Must be a base64 data: URL."]})
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({field: ["The base64 data is not valid."]}) from None
