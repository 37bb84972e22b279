"""The API database's `users` → our users, by address (the original looked addresses up
case-insensitively, so two of its rows that differ only by case become one user here)."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from rest_framework.exceptions import ValidationError

from accounts import services as accounts
from accounts.api.inputs import MagicLinkRequestInputSerializer
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.values import RowError, moment, reason_of, text
from mirubato.api.inputs import validated


def user_record(row: dict[str, Any]) -> accounts.UserRecord:
    """A row checked as sign-in checks an address."""
    try:
        email = validated(MagicLinkRequestInputSerializer, {"email": text(row.get("email"))})
    except ValidationError as exc:
        raise RowError(reason_of(exc.detail)) from None
    return accounts.UserRecord(
        email=email["email"],
        original_id=text(row.get("id")),
        display_name=text(row.get("display_name")).strip(),
        auth_provider=text(row.get("auth_provider")) or "magic_link",
        google_id=text(row.get("google_id")) or None,
        created_at=moment(row.get("created_at")),
    )


def import_users(ctx: ImportContext, source: Source) -> None:
    """One transaction per user (a user is few rows; the many rows are theirs, later)."""
    report = ctx.report.table("users")
    total = source.count("users")
    for row in source.rows("users", order_by=("created_at", "id")):
        report.read += 1
        where = f"users {text(row.get('id'))}"
        try:
            record = user_record(row)
            our_id, status = accounts.user_import(record=record, dry_run=ctx.dry_run)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        except DatabaseError as exc:  # e.g. a concurrent run created the same address
            report.failed(where, f"{type(exc).__name__}: {exc}")
            continue
        ctx.users.add(record.original_id, our_id, record.email.lower())
        report.add(status)
        if report.read % ctx.batch_size == 0:
            ctx.progress("users", report.read, total)
