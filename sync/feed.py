"""The per-user change feed's rules that need no database: checksums and cursors.

Positions are handed out by `sync.services.writer` (the only writer of the feed), under the
user's feed lock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import time
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings

from mirubato.api.errors import ApiError


def canonical_json(value: Any) -> bytes:
    """The canonical form checksums and request hashes are computed on (sorted keys).
    orjson parses JSON nested up to 1024 levels but encodes only up to 255: deeper client
    JSON is a 400 here, not an encoder error (a 500) later."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        message = "The JSON is nested too deeply (at most 255 levels)."
        raise ApiError(400, "invalid", message, {"body": [message]}) from None


def checksum_of(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


# --- Cursors ---------------------------------------------------------------------------------
# A cursor is opaque to clients. A change cursor is base64url("1:<seq>:<issued epoch s>:<user
# tag>:<types tag>"): every change after feed position <seq>. A snapshot cursor, handed out by
# the pages of a first sync, is "2:<seq>:<issued>:<user tag>:<types tag>:<head>": the live
# entities at positions <seq> < p <= <head>, <head> being the feed head when the snapshot began.
# The user tag stops a cursor of one account being used with another (it would skip changes);
# the types tag stops a cursor that followed only some types being used for all of them.


@dataclass(frozen=True)
class Cursor:
    seq: int
    issued_at: int
    user_tag: str
    scope: str
    snapshot_head: int | None = None  # set on the pages of a first sync (docs/sync.md)

    def encode(self) -> str:
        fields = [self.seq, self.issued_at, self.user_tag, self.scope]
        if self.snapshot_head is None:
            raw = ":".join(map(str, ["1", *fields]))
        else:
            raw = ":".join(map(str, ["2", *fields, self.snapshot_head]))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


MAX_SEQ = 2**63 - 1  # the largest bigint
_SCOPE = re.compile(r"(?:[0-9a-f]{10})?")


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10] if text else ""


def types_scope(types: list[str] | None) -> str:
    return _tag(",".join(sorted(set(types)))) if types else ""


def cursor_for(
    *, user_id: str, seq: int, scope: str = "", snapshot_head: int | None = None
) -> Cursor:
    return Cursor(
        seq=seq,
        issued_at=int(time.time()),
        user_tag=_tag(user_id),
        scope=scope,
        snapshot_head=snapshot_head,
    )


def _invalid_cursor(message: str = "The cursor is not valid; pull without `since`.") -> ApiError:
    return ApiError(400, "invalid_cursor", message, {"since": [message]})


def cursor_sent(value: Any) -> str | None:
    """A cursor field as a client sent it (push body, SYNC_REQUEST): absent or empty is None;
    anything but a string is a 400 `invalid_cursor`."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(400, "invalid_cursor", "`cursor` must be a string.", {"cursor": []})
    return value


def cursor_decode(text: str, *, user_id: str) -> Cursor:
    """A cursor this server issued to this user, or a 400 `invalid_cursor`."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        version, seq, issued, user_tag, scope, *head = raw.split(":")
        if (version, len(head)) not in (("1", 0), ("2", 1)):
            raise ValueError(version)
        cursor = Cursor(
            seq=int(seq),
            issued_at=int(issued),
            user_tag=user_tag,
            scope=scope,
            snapshot_head=int(head[0]) if head else None,
        )
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise _invalid_cursor() from None
    if cursor.user_tag != _tag(user_id):
        raise _invalid_cursor()
    # Only what this server issues: a forged position beyond bigint, or a long scope, would
    # be echoed into the next cursor and the stored `last_sync_token` (a database error).
    positions = [cursor.seq, cursor.issued_at, cursor.snapshot_head or 0]
    in_range = all(0 <= value <= MAX_SEQ for value in positions)
    inside = cursor.snapshot_head is None or cursor.seq <= cursor.snapshot_head
    if not (in_range and inside) or not _SCOPE.fullmatch(cursor.scope):
        raise _invalid_cursor()
    return cursor


def cursor_check_usable(cursor: Cursor, *, scope: str, head: int, purged_seq: int) -> None:
    """410 `cursor_expired` when the server may no longer hold every change after `cursor`
    (a tombstone after it was purged, it is older than the retention, or the user's feed was
    erased since); 400 when it followed other entity types than this pull asks for."""
    if cursor.scope and cursor.scope != scope:
        raise _invalid_cursor("This cursor followed other entity types; pull the same types.")
    retention = settings.SYNC_TOMBSTONE_RETENTION_DAYS * 86400
    # A snapshot's pages read live rows only; what it hands over is its head, checked as such.
    position = cursor.seq if cursor.snapshot_head is None else cursor.snapshot_head
    too_old = position < purged_seq or cursor.issued_at < time.time() - retention
    if too_old or position > head:
        raise ApiError(
            410,
            "cursor_expired",
            "This cursor is older than the changes the server keeps; pull the full state "
            "(without `since`) and continue from its cursor.",
            {"retentionDays": settings.SYNC_TOMBSTONE_RETENTION_DAYS},
        )
