"""The original scores service's score routes (K1, K2, K6, K15, K19, K20, K22-K24) and the
file URLs its client builds itself (KU1-KU4), on the scores app's selectors and services.
Collections and favourites are in `collection_views`. Reads treat a bad or expired token as
anonymous; every read goes through the one visibility rule."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response

from legacy.scorebook import shapes
from legacy.wire import LegacyView, PublicLegacyView, SnakeCaseFields, ok
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated
from mirubato.api.pagination import page_params
from scores.api.inputs import (
    CatalogueParams,
    FavoriteCheckInputSerializer,
    ScoreUploadInputSerializer,
    catalogue_query,
    serve,
    upload_size_check,
)
from scores.selectors import (
    catalogue_page,
    curated_detail,
    is_owner,
    score_detail,
    score_get_visible,
    score_page_get,
    score_pages,
    score_versions,
    viewer_id,
)
from scores.services import analytics_increment, score_delete, score_upload

LIBRARY_PAGE = 50  # the original's default page of the caller's library
PDF_FORMAT = "pdf"  # ScoreVersion.format of an original PDF


def _detail(score: Any, request: Request) -> dict[str, Any]:
    return shapes.score(score_detail(score=score, viewer=viewer_id(request.user)))


def _catalogue(
    request: Request, params: dict[str, Any], *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """(items, total) of the catalogue for the client's parameters, or of a curated
    collection's members when the one tag is its membership tag."""
    query = catalogue_query(validated(CatalogueParams, params))
    slug = shapes.membership_slug(params)
    if slug:
        members = curated_detail(slug=slug, user=request.user)["scores"]
        return members[offset : offset + limit], len(members)
    return catalogue_page(query=query, user=request.user, limit=limit, offset=offset)


class ScoreListView(SnakeCaseFields, PublicLegacyView):
    """K1 `GET /api/scores`: `{data: {items, total, limit, offset, hasMore}}`."""

    def get(self, request: Request) -> Response:
        params = shapes.catalogue_params(request.query_params)
        limit, offset = page_params(request)
        items, total = _catalogue(request, params, limit=limit, offset=offset)
        scores = [shapes.score(item) for item in items]
        return Response(ok(shapes.page(scores, total=total, limit=limit, offset=offset)))


class LibraryView(SnakeCaseFields, LegacyView):
    """K6 `GET /api/scores/user/library`: the caller's own scores, any visibility, as
    `{data: [...], pagination}`."""

    def get(self, request: Request) -> Response:
        params = {**shapes.catalogue_params(request.query_params), "mine": True}
        limit, offset = page_params(request, default_limit=LIBRARY_PAGE)
        query = catalogue_query(validated(CatalogueParams, params))
        items, total = catalogue_page(query=query, user=request.user, limit=limit, offset=offset)
        paging = shapes.pagination(total=total, limit=limit, offset=offset, count=len(items))
        return Response(ok([shapes.score(i) for i in items], pagination=paging))


class ScoreDetailView(SnakeCaseFields, PublicLegacyView):
    """K2 `GET /api/scores/:id` (counts a view, as ours does)."""

    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        analytics_increment(score_id=score.id, field="view_count")
        return Response(ok(_detail(score, request)))


class ScoreMetadataView(SnakeCaseFields, PublicLegacyView):
    """K19 `GET /api/scores/:id/metadata` (the original skipped the visibility check)."""

    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        return Response(ok(shapes.metadata(score)))


class RenderStatusView(SnakeCaseFields, PublicLegacyView):
    """K20 `GET /api/pdf/v2/render-status/:id`: the pages process_scores has rendered."""

    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        numbers = [page.page_number for page in score_pages(score=score)]
        return Response(ok(shapes.render_status(score, numbers)))


class BatchDeleteView(SnakeCaseFields, LegacyView):
    """K15 `POST /api/scores/batch/delete {scoreIds}` (at most 100): all or nothing. Every id
    is checked first (404 when the caller may not open it, 403 when it is not theirs, as our
    DELETE answers), then each is deleted by our one deletion service."""

    def post(self, request: Request) -> Response:
        body = validated(FavoriteCheckInputSerializer, shapes.score_ids(request.data))
        ids = list(dict.fromkeys(body["score_ids"]))
        _check_deletable(request, ids)
        for score_id in ids:
            score_delete(score_id=score_id, user=request.user)
        message = f"Successfully deleted {len(ids)} scores"
        return Response(ok({"deletedCount": len(ids)}, deletedCount=len(ids), message=message))


def _check_deletable(request: Request, ids: list[str]) -> None:
    missing, foreign = [], []
    for score_id in ids:
        try:
            score = score_get_visible(score_id=score_id, user=request.user)
        except ApiError:
            missing.append(score_id)
            continue
        if not is_owner(score, viewer_id(request.user)):
            foreign.append(score_id)
    if missing:
        raise ApiError(404, "score_not_found", f"Scores not found: {', '.join(missing[:5])}")
    if foreign:
        raise ApiError(403, "not_owner", f"You don't have permission to delete score {foreign[0]}")


# --- uploads: our upload serializer (content checks, limits) and service, `upload` throttle ---


class UploadView(SnakeCaseFields, LegacyView):
    throttle_scope = "upload"

    def created(self, request: Request, data: dict[str, Any]) -> Response:
        fields = dict(validated(ScoreUploadInputSerializer, data))
        files = fields.pop("files")
        score = score_upload(user_id=viewer_id(request.user), fields=fields, files=files)
        return Response(ok(_detail(score, request)), status=201)


class ImportPdfView(UploadView):
    """K22 `POST /api/import/pdf`, multipart `file` + `metadata` (JSON)."""

    def post(self, request: Request) -> Response:
        upload_size_check(request)
        return self.created(request, shapes.pdf_upload(request.data))


class ImportImagesView(UploadView):
    """K24 `POST /api/import/images`, images as base64 data: URLs."""

    def post(self, request: Request) -> Response:
        return self.created(request, shapes.images_upload(request.data))


class ImportUrlView(UploadView):
    """K23 `POST /api/import {url, filename?}`: a data: URL only (never fetched from the web)."""

    def post(self, request: Request) -> Response:
        return self.created(request, shapes.url_upload(request.data))


# --- files: streamed through `serve` (our caching headers), after the visibility rule ---------


class PageImageView(SnakeCaseFields, PublicLegacyView):
    """KU2 `/api/scores/:id/pages/:n` and KU4 `/api/pdf/v2/render/:id/page/:n`: a rendered
    page. An <img> carries no token, so only public and unlisted scores show in one."""

    def get(self, request: Request, score_id: str, page_number: int) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        page = score_page_get(score=score, page_number=page_number)
        return serve(request, score, page.image.name, page.mime_type)


class ThumbnailView(SnakeCaseFields, PublicLegacyView):
    """KU3 `/api/pdf/v2/thumbnail/:id`."""

    def get(self, request: Request, score_id: str) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        return serve(request, score, score.thumbnail.name, "image/webp")


class PdfDownloadView(SnakeCaseFields, PublicLegacyView):
    """KU1 `/api/scores/:id/download/pdf`: the score's latest PDF original (counts a
    download, as ours does)."""

    def get(self, request: Request, score_id: str) -> HttpResponse:
        score = score_get_visible(score_id=score_id, user=request.user)
        pdfs = [v for v in score_versions(score=score) if v.format == PDF_FORMAT]
        if not pdfs:
            raise ApiError(404, "file_not_found", "This score has no PDF.")
        version = pdfs[-1]
        response = serve(
            request,
            score,
            version.file.name,
            "application/pdf",
            fingerprint=version.sha256,
            filename=f"{score.slug or 'score'}.pdf",
        )
        if response.status_code == 200:
            analytics_increment(score_id=score.id, field="download_count")
        return response
