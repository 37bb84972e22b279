"""Reading and checking one field of a synced entity's client JSON: the small rules the
logbook entry (`logbook.py`) and the practice session (`sessions.py`) share.

Readers never raise (a malformed value reads as absent); checkers raise sync's `FieldError`
naming the field (`at` is the path of the object holding it, such as "metadata.").
"""

from __future__ import annotations

from typing import Any

from sync.services import FieldError

_NUMBERS = (int, float)  # exactly: a boolean is not a number (and JSON decodes to these)


def number_in(value: Any, low: float, high: float) -> float | None:
    """A JSON number within [low, high] (finite bounds: NaN and infinities fall outside;
    booleans are not numbers), else None. Called for every field of every entry a report
    reads, hence the plain class test."""
    if value.__class__ not in _NUMBERS:
        return None
    return float(value) if low <= value <= high else None


def whole_in(value: Any, low: int, high: int) -> int | None:
    number = number_in(value, low, high)
    return int(number) if number is not None and number.is_integer() else None


def text_of(value: Any) -> str:
    return value.strip() if value.__class__ is str else ""


def labels_of(raw: Any) -> tuple[str, ...]:
    """Distinct non-empty texts of a list, in order."""
    if not isinstance(raw, list):
        return ()
    return tuple(dict.fromkeys(label for label in map(text_of, raw) if label))


def check_enum(
    data: dict[str, Any], field: str, choices: tuple[str, ...], *, required: bool
) -> None:
    """One of `choices`, case-insensitive, stored lowercased; absent or null if not required."""
    value = data.get(field)
    if value is None and not required:
        return
    if not isinstance(value, str) or value.lower() not in choices:
        raise FieldError(field, f"Must be one of: {', '.join(choices)}.")
    data[field] = value.lower()


def check_number(
    data: dict[str, Any], field: str, low: float, high: float, *, whole: bool = False, at: str = ""
) -> None:
    """Absent, null, or a number (a whole one if `whole`) from `low` to `high`."""
    value = data.get(field)
    if value is None:
        return
    number = whole_in(value, int(low), int(high)) if whole else number_in(value, low, high)
    if number is None:
        kind = "a whole number" if whole else "a number"
        raise FieldError(f"{at}{field}", f"Must be {kind} from {low:g} to {high:g}, or null.")


def check_text(data: dict[str, Any], field: str, limit: int, *, at: str = "") -> None:
    """Absent, null, or text of at most `limit` characters."""
    value = data.get(field)
    if value is not None and (not isinstance(value, str) or len(value) > limit):
        raise FieldError(f"{at}{field}", f"Must be text of at most {limit} characters, or null.")


def check_labels(data: dict[str, Any], field: str, *, most: int, length: int, at: str = "") -> None:
    """Absent, null, or a list of at most `most` texts of up to `length` characters."""
    value = data.get(field)
    if value is None:
        return
    ok = isinstance(value, list) and len(value) <= most
    if not ok or not all(isinstance(v, str) and len(v) <= length for v in value):
        raise FieldError(
            f"{at}{field}",
            f"Must be a list of at most {most} texts of up to {length} characters.",
        )
