"""`POST /api/sync/pull` and `POST /api/sync/push` as the original web client calls them
(docs/web-client.md, "Sync: the client's shapes and ours"): our pull and our push underneath, with
our throttle, validation, idempotency, limits and conflict rules."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response

from legacy.sync_api import shapes
from legacy.wire import LegacyView
from mirubato.api.errors import ApiError
from mirubato.api.renderers import dumps
from sync.selectors import feed_pull
from sync.services import PushOutcome, push_changes, push_request, push_size_check


class SyncPullView(LegacyView):
    """The caller's live state, every type the client keeps, whatever the body asks: the
    original ignored its `{types, since}` too, and the client replaces its maps with it."""

    throttle_scope = "sync"

    def post(self, request: Request) -> HttpResponse:
        state, cursor = _live_state(str(request.user.pk))
        body = shapes.pull_answer(state, sync_token=cursor)
        return HttpResponse(dumps(body), content_type="application/json")


def _pages(user_id: str) -> tuple[dict[tuple[str, str], Any], str]:
    """Our pull without `since`, followed to its last page; returns the live state and the
    cursor at the feed position it reflects."""
    state: dict[tuple[str, str], Any] = {}
    since = None
    while True:
        page = feed_pull(user_id=user_id, since=since, limit=settings.SYNC_PULL_MAX_LIMIT)
        shapes.live_fold(state, page["changes"])
        since = page["cursor"]
        if not page["hasMore"]:
            return state, since


def _live_state(user_id: str) -> tuple[dict[tuple[str, str], Any], str]:
    # A purge committing between two pages expires the cursor (410): read again, once.
    try:
        return _pages(user_id)
    except ApiError as exc:
        if exc.code != "cursor_expired":
            raise
        return _pages(user_id)


class SyncPushView(LegacyView):
    """Each item becomes one of our changes; more than SYNC_MAX_CHANGES of them go as several
    pushes. Every chunk is checked before the first is written (a bad item writes nothing);
    each is then one transaction with a key derived from the client's (`shapes.chunk_key`),
    so a retry of the same body replays what was applied and applies the rest."""

    throttle_scope = "sync"

    def post(self, request: Request) -> Response:
        body_bytes = _declared_length(request)
        push_size_check(body_bytes=body_bytes)  # the whole body, before it is read
        changes, origins = shapes.push_changes_from(request.data, user_id=str(request.user.pk))
        chunks = shapes.chunked(changes, settings.SYNC_MAX_CHANGES)
        _check_all(chunks, origins)
        outcomes = _push_all(request, chunks, body_bytes)
        replayed = all(outcome.replayed for outcome in outcomes)
        body = shapes.push_answer([outcome.body for outcome in outcomes], origins)
        return Response(body, headers={"X-Idempotent-Replay": "true"} if replayed else None)


def _check_all(chunks: list[list[dict[str, Any]]], origins: list[shapes.Origin]) -> None:
    for number, chunk in enumerate(chunks):
        try:
            push_changes({"changes": chunk})
        except ApiError as exc:
            offset = number * settings.SYNC_MAX_CHANGES
            raise shapes.item_error(exc, origins, offset=offset) from None


def _push_all(
    request: Request, chunks: list[list[dict[str, Any]]], body_bytes: int
) -> list[PushOutcome]:
    headers = request.headers
    key = headers.get("Idempotency-Key") or headers.get("X-Idempotency-Key")
    outcomes = []
    for number, chunk in enumerate(chunks):
        try:
            outcome = push_request(
                user=request.user,
                body={"changes": chunk},
                body_bytes=body_bytes,
                idempotency_key=shapes.chunk_key(key, number),
                device_id=headers.get("X-Device-ID"),
            )
        except ApiError as exc:
            raise shapes.chunk_failed(exc, applied=number, total=len(chunks)) from None
        outcomes.append(outcome)
    return outcomes


def _declared_length(request: Request) -> int:
    """The body's size from Content-Length (0 when absent or not a number), as ours reads it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
