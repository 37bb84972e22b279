"""Catalogue, detail, upload, edit and delete of scores. Thin: validate, call, render."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.conditional import ConditionalGetMixin
from mirubato.api.errors import ApiError, PayloadTooLarge
from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_params
from mirubato.api.parsers import CamelCaseJSONParser
from scores.api.params import CatalogueParams, catalogue_query
from scores.api.serializers import (
    ScoreDetailOutputSerializer,
    ScoreListOutputSerializer,
    ScoreMetadataInputSerializer,
    ScorePageOutputSerializer,
    ScoreUploadInputSerializer,
    ScoreVersionOutputSerializer,
)
from scores.selectors.catalogue import catalogue_page, popular_page, random_score
from scores.selectors.scores import (
    is_owner,
    score_detail,
    score_get_visible,
    score_pages,
    score_versions,
)
from scores.services.scores import analytics_increment, score_delete, score_update
from scores.services.uploads import score_upload
from scores.visibility import viewer_id

TAGS = ["scores"]
PAGE_PARAMS = [
    OpenApiParameter("limit", int, description="Items per page (default 20, at most 100)."),
    OpenApiParameter("offset", int, description="How many items to skip."),
]


class PublicReadMixin:
    """Reads are open to everyone (the visibility rule decides what they see); writes need a
    signed-in user."""

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated()]


def _detail_response(score, request: Request, status: int = 200) -> Response:
    return Response(score_detail(score=score, viewer=viewer_id(request.user)), status=status)


class ScoreListView(ConditionalGetMixin, PublicReadMixin, APIView):
    parser_classes = [MultiPartParser, FormParser]

    def get_throttles(self):
        if self.request.method == "POST":
            self.throttle_scope = "upload"
        return super().get_throttles()

    @extend_schema(
        operation_id="scores_list",
        tags=TAGS,
        parameters=[CatalogueParams, *PAGE_PARAMS],
        responses=ScoreListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        query = catalogue_query(validated(CatalogueParams, request.query_params))
        limit, offset = page_params(request)
        items, total = catalogue_page(query=query, user=request.user, limit=limit, offset=offset)
        return Response(page_body(items, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="scores_upload",
        tags=TAGS,
        request={"multipart/form-data": ScoreUploadInputSerializer},
        responses={201: ScoreDetailOutputSerializer},
        description="Upload a PDF or MusicXML file (`file`) or 1-20 images (`images`) with "
        "optional metadata. The score is private unless `visibility` says otherwise, and "
        "`processingStatus` is `pending` until the processor has rendered it.",
    )
    def post(self, request: Request) -> Response:
        upload_size_check(request)
        fields = dict(validated(ScoreUploadInputSerializer, request.data))
        files = fields.pop("files")
        score = score_upload(user_id=viewer_id(request.user), fields=fields, files=files)
        return _detail_response(score, request, status=201)


def upload_size_check(request: Request) -> None:
    """A 413 before parsing when an upload's declared size is beyond every limit (any wire
    that accepts uploads runs it before reading the body)."""
    limit = max(settings.SCORES_MAX_FILE_BYTES, settings.SCORES_MAX_IMAGES_TOTAL_BYTES)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit + 1024 * 1024:  # room for the form's other fields
        raise PayloadTooLarge("The upload is larger than allowed.", limit=limit)


class ScoreRandomView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="scores_random",
        tags=TAGS,
        parameters=[CatalogueParams],
        responses=ScoreDetailOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        query = catalogue_query(validated(CatalogueParams, request.query_params))
        score = random_score(query=query, user=request.user)
        if score is None:
            raise ApiError(404, "no_match", "No score matches these filters.")
        return _detail_response(score, request)


class ScorePopularView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="scores_popular",
        tags=TAGS,
        parameters=PAGE_PARAMS,
        responses=ScoreListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        limit, offset = page_params(request)
        items, total = popular_page(user=request.user, limit=limit, offset=offset)
        return Response(page_body(items, total=total, limit=limit, offset=offset))


class ScoreDetailView(PublicReadMixin, APIView):
    parser_classes = [CamelCaseJSONParser]

    @extend_schema(operation_id="scores_detail", tags=TAGS, responses=ScoreDetailOutputSerializer)
    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        analytics_increment(score_id=score.id, field="view_count")
        return _detail_response(score, request)

    @extend_schema(
        operation_id="scores_update",
        tags=TAGS,
        request=ScoreMetadataInputSerializer,
        responses=ScoreDetailOutputSerializer,
    )
    def patch(self, request: Request, score_id: str) -> Response:
        fields = dict(validated(ScoreMetadataInputSerializer, request.data))
        score = score_update(score_id=score_id, user=request.user, fields=fields)
        return _detail_response(score, request)

    @extend_schema(operation_id="scores_delete", tags=TAGS, responses={204: None})
    def delete(self, request: Request, score_id: str) -> Response:
        score_delete(score_id=score_id, user=request.user)
        return Response(status=204)


class ScoreVersionsView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="scores_versions", tags=TAGS, responses=ScoreVersionOutputSerializer(many=True)
    )
    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        versions = score_versions(score=score)
        context = {"owner": is_owner(score, viewer_id(request.user))}
        return Response(ScoreVersionOutputSerializer(versions, many=True, context=context).data)


class ScorePagesView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="scores_pages", tags=TAGS, responses=ScorePageOutputSerializer(many=True)
    )
    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        return Response(ScorePageOutputSerializer(score_pages(score=score), many=True).data)
