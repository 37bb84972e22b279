"""Everything the service holds about a user, across all three databases.

Each app registers one `UserDataPart` in its AppConfig.ready(): how to export its rows and how
to erase them. Account export and deletion walk this registry, so they stay complete as apps
add tables: a new table about users is not done until its app's part covers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User

# (section name in the export document, rows of that section, produced lazily)
ExportSections = Iterator[tuple[str, Iterable[dict[str, Any]]]]


@dataclass(frozen=True)
class UserDataPart:
    name: str
    database: str
    # Yields the export's sections for this app; rows are iterated lazily so a large logbook
    # streams instead of being built in memory.
    export: Callable[[User], ExportSections]
    # Erases (or anonymises, where statistics must stay) every row about the user on
    # `database`, inside one transaction on that alias; returns counts per table.
    erase: Callable[[User], dict[str, int]]


_parts: dict[str, UserDataPart] = {}


def register(part: UserDataPart) -> None:
    """Registers (or replaces, on autoreload) an app's part."""
    _parts[part.name] = part


def registered_parts() -> list[UserDataPart]:
    return list(_parts.values())
