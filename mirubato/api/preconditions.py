"""`If-Match` on REST edits of versioned resources (the practice API's synced entities).

Each entity's version is its `ETag` (`"3"`). An edit that sends `If-Match` with versions of
which none is the stored one is refused with `412 precondition_failed` and writes nothing, so
a REST client never overwrites an edit a device synced after the client read the entity; it
re-reads and tries again. Why not sync's conflict rule (the later `updatedAt` wins): a REST
edit is dated when it arrives, so it would always win, which is exactly the silent overwrite
to avoid. An edit without `If-Match` applies to the current state, as a push without
`baseVersion` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.response import Response

from mirubato.api.errors import ApiError
from mirubato.api.fields import Text


@dataclass(frozen=True)
class IfMatch:
    """The versions an `If-Match` header names; `any` for `*`."""

    versions: frozenset[int] = frozenset()
    any: bool = False

    def matches(self, version: int) -> bool:
        return self.any or version in self.versions


def parse_if_match(raw: str) -> IfMatch:
    """`"3"`, `3`, `"3", "4"` or `*`. A weak tag (`W/"3"`) never matches (RFC 9110 compares
    If-Match strongly). Raises ValueError for anything else."""
    versions: set[int] = set()
    for token in (part.strip() for part in raw.split(",")):
        if token == "*":
            return IfMatch(any=True)
        if token.startswith("W/"):
            continue
        digits = token[1:-1] if len(token) >= 2 and token[0] == token[-1] == '"' else token
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
            raise ValueError(f"Not an entity tag: {token!r}.")
        versions.add(int(digits))
    return IfMatch(frozenset(versions))


def etag(version: int) -> str:
    return f'"{version}"'


def versioned_response(body: Any, *, version: int, status: int = 200) -> Response:
    """An answer about one versioned entity: its version is the `ETag` `If-Match` names."""
    return Response(body, status=status, headers={"ETag": etag(version)})


def require_match(if_match: IfMatch | None, *, version: int) -> None:
    """Nothing when the client named no version or the stored one; else the 412."""
    if if_match is not None and not if_match.matches(version):
        raise ApiError(
            412,
            "precondition_failed",
            "This was changed since you read it (If-Match names another version); read it "
            "again and retry.",
            {"currentVersion": version, "etag": etag(version)},
        )


class IfMatchParams(serializers.Serializer):
    """`If-Match` from the request's headers, checked like any input:
    `validated(IfMatchParams, request.headers)["if_match"]` is an `IfMatch` or None."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {"If-Match": Text(required=False, allow_blank=True)}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        raw = (attrs.pop("If-Match", None) or "").strip()
        try:
            if_match = parse_if_match(raw) if raw else None
        except ValueError:
            raise serializers.ValidationError(
                {"If-Match": ['Entity tags as ETag gives them ("3"), or *.']}
            ) from None
        return {**attrs, "if_match": if_match}


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag (version) you read, e.g. "3": if it is no longer current, a 412.',
)
