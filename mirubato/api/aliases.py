"""Second paths to existing views: the system design's paths (`/api/users/me`,
`/api/sheet-music`, ...) answer through the same view as this API's own route, so there is one
implementation behind two paths.

Both paths are in the OpenAPI schema. The view's operation ids belong to its own route; on the
alias path `alias_operation_ids` (a drf-spectacular postprocessing hook) renames them by
swapping a prefix (`user_me_update` → `users_me_update`), so each operation id stays unique.

    alias("users/me", views.UserMeView.as_view(), name="users-me", ids=("user_", "users_"))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, path

ALIAS_MARK = "api_alias_operation_ids"


def alias(route: str, view: Callable, *, name: str, ids: tuple[str, str]) -> URLPattern:
    """`path(route, view)`, marked so its operation ids are the view's with prefix `ids[0]`
    replaced by `ids[1]`. `view` is a fresh `as_view()` callable (the mark is per path)."""
    setattr(view, ALIAS_MARK, ids)
    return path(route, view, name=name)


def alias_operation_ids(result: dict, generator: Any, request: Any, public: Any) -> dict:
    """Renames the operation ids of every alias path (before drf-spectacular checks them for
    collisions)."""
    for route, _, method, callback in generator.endpoints:
        ids = getattr(callback, ALIAS_MARK, None)
        operation = result.get("paths", {}).get(route, {}).get(method.lower())
        if ids is None or operation is None:
            continue
        own, alias_prefix = ids
        if not operation["operationId"].startswith(own):
            raise ImproperlyConfigured(f"{route}: {operation['operationId']!r} lacks {own!r}")
        operation["operationId"] = alias_prefix + operation["operationId"][len(own) :]
        operation["description"] = (
            f"{operation.get('description', '')}\n\nThe system design's path for the same "
            "operation (one view, two paths)."
        ).strip()
    return result
