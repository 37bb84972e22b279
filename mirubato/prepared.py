"""Read queries built and compiled once, then run with new values, for hot read paths.

Building a queryset and compiling its SQL can cost the ORM far more than a small indexed
query costs the database: a dictionary lookup's query took 740 µs, of which its SQL was
22 µs. `Prepared` calls its builder once per database and shape with a marker in place of
each value, keeps the SQL, where each value goes and the columns' converters, and on every
call runs that SQL with the call's values and returns rows as `.values()` would.

Values are text: the builder gets a marker string in place of each one. It may branch on
whether a value is empty ("" or None: an empty value is passed as itself and is part of the
shape), and hand it, unchanged, to text lookups: as sent (exact matches, `When(field=value)`) or
pattern-escaped by the database's LIKE rules and wrapped (`contains`, `startswith`, `iexact`),
which the plan records and applies to each call's value as Django would. The builder must
not change a value itself (derive it before the call and pass it as a value of its own). A
lookup that rewrites its value any other way (`__in`, say) is refused when the query is
prepared, and a number column refuses the marker itself.

`rows(page=(limit, offset))` pages an unsliced query with LIMIT and OFFSET parameters, so
every page shares one plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

_MARK = "\x00mirubato-prepared:"
# In every marker, so that LIKE escaping always shows in what the lookup made of it.
_PATTERN_CHARS = "%_\\"


def _marker(name: str) -> str:
    return f"{_MARK}{name}{_PATTERN_CHARS}\x00"


@dataclass(frozen=True)
class _Slot:
    """Where a value goes: `prefix + value + suffix`, the value LIKE-escaped if `pattern`."""

    name: str
    prefix: str = ""
    suffix: str = ""
    pattern: bool = False

    def fill(self, value: str, connection: Any) -> str:
        if self.pattern:
            value = connection.ops.prep_for_like_query(value)
        return f"{self.prefix}{value}{self.suffix}" if self.prefix or self.suffix else value


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]  # constants of the query, and a _Slot where a value goes
    names: tuple[str, ...]  # the keys of a row
    converters: tuple[tuple[int, tuple[Callable, ...], Any], ...]


class Prepared:
    """`build(**values)` gives a `.values()` queryset (sliced or not); `rows(**values)` runs
    it. Plans are kept per database alias, vendor, the values' names and which are empty."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self.build = build
        self._alias: str | None = None  # the database the builder's queries go to
        self._plans: dict[tuple, _Plan] = {}

    def rows(self, *, page: tuple[int, int] | None = None, **values: Any) -> list[dict[str, Any]]:
        empty = tuple(sorted(name for name, value in values.items() if value in ("", None)))
        markers = {
            name: value if name in empty else _marker(name) for name, value in values.items()
        }
        built = None
        if self._alias is None:
            built = self.build(**markers)
            self._alias = built.db
        connection = connections[self._alias]
        key = (self._alias, connection.vendor, tuple(values), empty, page is not None)
        plan = self._plans.get(key)
        if plan is None:
            if built is None:
                built = self.build(**markers)
            plan = self._plans[key] = _prepare(
                built,
                connection,
                names=[n for n in values if n not in empty],
                paged=page is not None,
            )
        params = [
            p.fill(values[p.name], connection) if isinstance(p, _Slot) else p for p in plan.params
        ]
        if page is not None:
            params += page  # LIMIT, OFFSET
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            fetched = cursor.fetchall()
        rows = []
        for row in fetched:
            row = list(row)
            for position, converters, expression in plan.converters:
                value = row[position]
                for convert in converters:
                    value = convert(value, expression, connection)
                row[position] = value
            rows.append(dict(zip(plan.names, row, strict=True)))
        return rows


def _prepare(queryset: QuerySet, connection: Any, *, names: list[str], paged: bool) -> _Plan:
    query = queryset.query
    if query.extra_select or not query.values_select:
        raise ValueError("Prepared takes .values() of fields and annotations, without extra.")
    if paged and query.is_sliced:
        raise ValueError("A paged query is sliced by its page: the builder must not slice it.")
    compiler = query.get_compiler(connection=connection)
    sql, raw_params = compiler.as_sql()
    if _MARK in sql:
        raise ValueError("A value was written into the SQL itself; it cannot be prepared.")
    forms: dict[str, tuple[str, bool]] = {}
    for name in names:
        forms[_marker(name)] = (name, False)
        forms[connection.ops.prep_for_like_query(_marker(name))] = (name, True)
    params = [_slot(param, forms) if isinstance(param, str) else param for param in raw_params]
    placed = {p.name for p in params if isinstance(p, _Slot)}
    if missing := [name for name in names if name not in placed]:
        # `__in` with a string, say: it iterated the marker's characters into constants.
        raise ValueError(f"A lookup rewrote {missing} beyond recognition; it cannot be prepared.")
    expressions = [column for column, _, _ in compiler.select]
    converters = tuple(
        (position, tuple(found), expression)
        for position, (found, expression) in compiler.get_converters(expressions).items()
    )
    if paged:
        sql += " LIMIT %s OFFSET %s"
    # The order ValuesIterable names a row's columns in.
    columns = (*query.values_select, *query.annotation_select)
    return _Plan(sql, tuple(params), columns, converters)


def _slot(param: str, forms: dict[str, tuple[str, bool]]) -> _Slot | str:
    """A constant, or where a value goes and what the lookup did to it. `forms`: each
    value's marker as sent and as LIKE-escaped, by the form."""
    if _MARK not in param:
        return param
    found = [(form, how) for form, how in forms.items() if form in param]
    if len(found) != 1 or param.count(found[0][0]) != 1:
        raise ValueError(f"A lookup rewrote a value ({param!r}); it cannot be prepared.")
    form, (name, pattern) = found[0]
    prefix, suffix = param.split(form)
    if _MARK in prefix or _MARK in suffix:
        raise ValueError(f"A lookup rewrote a value ({param!r}); it cannot be prepared.")
    return _Slot(name, prefix, suffix, pattern)
