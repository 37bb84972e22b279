from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from accounts.models import LoginSession, User
from accounts.selectors.access_tokens import access_token_user as access_token_user
from accounts.userdata import registered_parts
from mirubato.api.camel import to_camel
from mirubato.api.renderers import dumps

EXPORT_FORMAT = "mirubato-export/1"


def user_profile(*, user: User) -> dict[str, Any]:
    """What a signed-in user sees of their own account."""
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "avatar_url": user.avatar_url or None,
        "primary_instrument": user.primary_instrument or None,
        "skill_level": user.skill_level or None,
        "auth_provider": user.auth_provider,
        "is_staff": user.is_staff,
        "created_at": user.created_at,
    }


def _row(row: dict[str, Any]) -> bytes:
    # Column names become camelCase like the rest of the API; values (a synced entity's client
    # JSON included) are written exactly as stored.
    return dumps({to_camel(key): value for key, value in row.items()})


def _part_chunks(user: User, export) -> Iterator[bytes]:
    for index, (section, rows) in enumerate(export(user)):
        yield (b"," if index else b"") + dumps(to_camel(section)) + b":["
        for row_index, row in enumerate(rows):
            yield (b"," if row_index else b"") + _row(row)
        yield b"]"


def user_export_chunks(*, user: User) -> Iterator[bytes]:
    """Everything held about `user`, as one JSON document produced piece by piece:
    `{"format", "exportedAt", "userId", "parts": {<app>: {<section>: [rows]}}}`.

    Rows are read lazily from each app's registered part, so a large logbook is streamed
    rather than built in memory.
    """
    head = dumps({"format": EXPORT_FORMAT, "exportedAt": timezone.now(), "userId": user.pk})
    yield head[:-1] + b',"parts":{'
    for index, part in enumerate(registered_parts()):
        yield (b"," if index else b"") + dumps(part.name) + b":{"
        yield from _part_chunks(user, part.export)
        yield b"}"
    yield b"}}"


def login_exists(*, session_key: str) -> bool:
    """The login is still there and unexpired: one primary-key lookup, cheap enough for live
    delivery to ask before every message."""
    live = LoginSession.objects.filter(session_key=session_key, expire_date__gt=timezone.now())
    return live.exists()


def users_existing(*, ids: Iterable[str]) -> set[str]:
    """Which of these ids name a user here (other databases hold user ids as plain strings)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return set()
    return set(User.objects.filter(pk__in=wanted).values_list("pk", flat=True))
