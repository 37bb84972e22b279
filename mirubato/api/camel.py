"""camelCase on the wire, snake_case in Python.

Keys are converted recursively, except below "opaque" keys: values the client owns (a synced
entity's `data`, an annotation's drawing) are stored and returned exactly as sent.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Any

_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")


# Memoised: an API answer repeats a handful of keys thousands of times (a push's results).
@lru_cache(maxsize=4096)
def to_camel(key: str) -> str:
    head, *rest = key.split("_")
    if not rest:
        return key
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@lru_cache(maxsize=4096)
def to_snake(key: str) -> str:
    return _UPPER.sub(r"_\1", key).lower() if any(c.isupper() for c in key) else key


def camelize(value: Any, opaque: Collection[str] = ()) -> Any:
    """Return `value` with dict keys in camelCase; values under `opaque` keys are untouched."""
    if isinstance(value, dict):
        # Only containers recurse: a page of rows is mostly scalars, and a call per scalar
        # was most of the conversion's cost.
        return {
            (to_camel(k) if isinstance(k, str) else k): (
                camelize(v, opaque) if isinstance(v, _CONTAINERS) and k not in opaque else v
            )
            for k, v in value.items()
        }
    if isinstance(value, _SEQUENCES):
        return [camelize(item, opaque) if isinstance(item, _CONTAINERS) else item for item in value]
    return value


_CONTAINERS = (dict, list, tuple)
_SEQUENCES = (list, tuple)  # a tuple, not `list | tuple`: that builds a union every call
_PARSED_CONTAINERS = (dict, list)  # what parsed JSON holds


def underscoreize(value: Any, opaque: Collection[str] = ()) -> Any:
    """Return `value` with dict keys in snake_case; values under `opaque` keys are untouched."""
    if isinstance(value, dict):
        converted = {}
        for k, v in value.items():
            key = to_snake(k) if isinstance(k, str) else k
            # As in camelize, only containers recurse (a push's changes: one call each, not 3).
            converted[key] = (
                v
                if key in opaque or not isinstance(v, _PARSED_CONTAINERS)
                else underscoreize(v, opaque)
            )
        return converted
    if isinstance(value, list):
        return [
            underscoreize(item, opaque) if isinstance(item, _PARSED_CONTAINERS) else item
            for item in value
        ]
    return value


def opaque_fields(view: Any) -> Collection[str]:
    """The snake_case keys whose values a view passes through unconverted."""
    return getattr(view, "json_opaque_fields", ())
