"""Inserting new rows without the ORM's per-row machinery, for hot write paths.

`Model.objects.create()` and `bulk_create()` prepare every value through each field's
`get_db_prep_save` and compile the INSERT afresh on every call; on the push path that was
about half the cost of a 1,000-entry push, and on a dictionary lookup's analytics row it cost
more than the INSERT itself. `insert_rows` adapts each value exactly as the ORM would
(`connection.ops` for JSON and datetimes, the field's own preparation for anything that
needs one) and sends one `executemany`. It sends no signals and leaves defaults to the
caller: build the rows with the model's constructor, which applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from django.db import connections, models

# Fields whose Python values the database drivers take as they are.
_PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)


def insert_rows(model: type[models.Model], rows: Sequence[models.Model], *, using: str) -> None:
    """INSERT `rows` (unsaved instances of `model`) into database `using`, as bulk_create
    would store them, and mark them saved there."""
    if not rows:
        return
    connection = connections[using]
    fields = model._meta.concrete_fields
    adapt = [_adapter(field, connection) for field in fields]
    values = [
        tuple(a(getattr(row, f.attname)) for f, a in zip(fields, adapt, strict=True))
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_insert_sql(model, connection), values)
    for row in rows:  # as bulk_create leaves them: saved rows of this database
        row._state.adding, row._state.db = False, connection.alias


def _insert_sql(model: type[models.Model], connection) -> str:
    qn = connection.ops.quote_name
    fields = model._meta.concrete_fields
    columns = ", ".join(qn(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"


def _adapter(field: models.Field, connection) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.ForeignKey):  # stored as the key it points at
        return _adapter(field.target_field, connection)
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        # Rows written together often share one `now`: adapt each distinct moment once.
        return cache(lambda value: ops.adapt_datetimefield_value(value))
    if isinstance(field, _PLAIN):
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, connection)
