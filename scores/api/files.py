"""Stored files (originals, page images, thumbnails) served through views that apply the
visibility rule: no bare storage URL is ever handed out (reference §9.4 items 1, 2 and 4), on
the filesystem and on S3 alike. The file is streamed from the storage in chunks (on S3 one GET
read as it arrives); an unreachable storage is a 503 before any byte is sent.

Public files are cached for a year (their keys never change content); unlisted ones for a day;
private ones only by the browser (`Cache-Control: private`). Each answer has an ETag, and a
matching If-None-Match gets a 304 without touching storage.
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse
from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from mirubato.streaming import StreamingFileResponse
from scores.models import Score, Visibility
from scores.selectors.scores import score_get_visible, score_page_get, score_version_get
from scores.services.scores import analytics_increment
from scores.services.uploads import stored_file_open

TAGS = ["scores"]
FILE_TYPES = (
    "application/pdf",
    "application/vnd.recordare.musicxml+xml",
    "application/vnd.recordare.musicxml",
    "image/png",
    "image/jpeg",
    "image/webp",
)
CACHE_CONTROL = {
    Visibility.PUBLIC: "public, max-age=31536000, immutable",
    Visibility.UNLISTED: "public, max-age=86400",
    Visibility.PRIVATE: "private, no-cache",
}


def _file_schema(operation_id: str):
    binary = OpenApiResponse(response=OpenApiTypes.BINARY, description="The file.")
    responses = {(200, media): binary for media in FILE_TYPES}
    responses[304] = OpenApiResponse(description="Not modified (If-None-Match matched).")
    return extend_schema(operation_id=operation_id, tags=TAGS, responses=responses)


def _etag(key: str, fingerprint: str = "") -> str:
    return quote_etag(fingerprint or hashlib.sha256(key.encode()).hexdigest()[:32])


def serve(
    request: Request,
    score: Score,
    key: str,
    content_type: str,
    *,
    fingerprint: str = "",
    filename: str = "",
) -> HttpResponse:
    """A stored file with caching headers for the score's visibility (or a 304)."""
    etag = _etag(key, fingerprint)
    headers = {
        "ETag": etag,
        "Cache-Control": CACHE_CONTROL[score.visibility],
        "Vary": "Authorization",
    }
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        return HttpResponse(status=304, headers=headers)
    stored = stored_file_open(key)
    response = StreamingFileResponse(stored, content_type=content_type)
    if stored.size is not None:
        response["Content-Length"] = str(stored.size)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    for name, value in headers.items():
        response[name] = value
    return response


class FileView(APIView):
    permission_classes = [AllowAny]


class ScoreFileView(FileView):
    @_file_schema("scores_file")
    def get(self, request: Request, score_id: str, version_id: str) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        version = score_version_get(score=score, version_id=version_id)
        extension = version.file.name.rsplit(".", 1)[-1] if version.file.name else "bin"
        response = serve(
            request,
            score,
            version.file.name,
            version.content_type or "application/octet-stream",
            fingerprint=version.sha256,
            filename=f"{score.slug or 'score'}.{extension}",
        )
        if response.status_code == 200:
            analytics_increment(score_id=score.id, field="download_count")
        return response


class ScorePageImageView(FileView):
    @_file_schema("scores_page_image")
    def get(self, request: Request, score_id: str, page_number: int) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        page = score_page_get(score=score, page_number=page_number)
        return serve(request, score, page.image.name, page.mime_type)


class ScoreThumbnailView(FileView):
    @_file_schema("scores_thumbnail")
    def get(self, request: Request, score_id: str) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        return serve(request, score, score.thumbnail.name, "image/webp")
