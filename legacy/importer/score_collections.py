"""The scores database's collections and favourites → ours.

- `collections` (the original's curated lists) and the platform's own `user_collections`
  (owner `system` or `platform`, featured when `featured_at` is set) → curated collections,
  by slug; one already here keeps its curation.
- A person's `user_collections` → their collections, by (user, slug). Members come from both
  of the original's records of membership (the `score_ids` JSON, in its order, then
  `collection_members` rows it lacks), and only scores the owner may open join (our rule).
- `user_score_favorites` → favourites, on scores the user may open.
Sharing with other users (`shared_with`) has no equivalent here and does not come along.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from legacy.importer.batches import Batcher
from legacy.importer.checks import checked, row_times
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.scores import PLATFORM_USERS
from legacy.importer.values import RowError, count, json_of, text
from scores import selectors as scores_reads
from scores import services as scores
from scores.api.inputs import UserCollectionInputSerializer

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
CURATED_KEPT = "staff curate the collection here"


def our_slug(row: dict[str, Any], name: str) -> str:
    """The original slug when it is one we accept, else one made from the name our way."""
    slug = text(row.get("slug")).strip()
    return slug if SLUG.match(slug) else (scores_reads.slugify(name) or "collection")


def _member_ids(row: dict[str, Any], member_rows: dict[str, list[str]]) -> list[str]:
    listed = json_of(row.get("score_ids"), list, "score_ids", default=[])
    extra = member_rows.get(text(row.get("id")), [])
    return list(dict.fromkeys([text(s) for s in listed if s] + extra))


Member = tuple[str, str]  # (how the report names it, our score id)


def _resolved(ctx: ImportContext, ids: list[str], *, owner: str, label: str) -> list[Member]:
    """The members that can join: scores that came along and, for a user's own collection,
    that the owner may open. The others are reported here."""
    report, resolved = ctx.report.table("collection_members"), []
    for original in ids:
        report.read += 1
        where = f"collection_members {label} / {original}"
        try:
            our_id = ctx.scores.our_id(original)
            if our_id is None or not scores_reads.is_catalogue_id(our_id):
                raise RowError("its score was not imported")
            if owner:
                our_id = ctx.accept_score_id(user_id=owner, score_id=our_id)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        resolved.append((where, our_id))
    return resolved


def _named(row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    fields = {"name": text(row.get("name")), "description": text(row.get("description")), **extra}
    return checked(UserCollectionInputSerializer, fields, creating=True)


def curated_record(row: dict[str, Any], members: list[Member], *, featured: bool) -> Any:
    data = _named(row)
    return scores.CuratedRecord(
        slug=our_slug(row, data["name"]),
        name=data["name"],
        description=data.get("description", ""),
        instrument=text(row.get("instrument")).lower(),
        difficulty=text(row.get("difficulty")).lower(),
        display_order=count(row.get("display_order"), "display_order"),
        is_featured=featured,
        score_ids=tuple(score_id for _, score_id in members),
    )


def user_collection_record(row: dict[str, Any], owner: str) -> Any:
    extra = {
        "visibility": text(row.get("visibility")).lower() or "private",
        "tags": json_of(row.get("tags"), list, "tags", default=[]),
        "display_order": count(row.get("display_order"), "display_order"),
    }
    data = _named(row, **extra)
    return scores.UserCollectionRecord(
        user_id=owner,
        slug=our_slug(row, data["name"]),
        name=data["name"],
        created_at=row_times(row)[0],
        ids=(text(row.get("id")),),
        description=data.get("description", ""),
        visibility=data["visibility"],
        is_default=bool(row.get("is_default")),
        tags=data["tags"],
        display_order=data["display_order"],
    )


def _curated_members_done(ctx: ImportContext, members: list[Member]):
    """A curated collection's members share its outcome (they are written with it)."""

    def done(outcome: tuple[str, str]) -> None:
        report = ctx.report.table("collection_members", kept_means=CURATED_KEPT)
        for where, _ in members:
            if outcome[0] == "failed":
                report.failed(where, "its collection was not imported")
            else:
                report.add(outcome[0])

    return done


def _write_curated(ctx: ImportContext, records: list[Any]) -> list[tuple[str, str]]:
    return scores.curated_import(records=records, dry_run=ctx.dry_run)


def import_curated(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("collections", kept_means=CURATED_KEPT)
    batcher = Batcher(ctx, report, lambda _, r: _write_curated(ctx, r), source.count("collections"))
    for row in source.rows("collections", order_by=("display_order", "created_at", "id")):
        report.read += 1
        where = f"collections {text(row.get('slug'))}"
        try:
            ids = _member_ids(row, {})
            _named(row)  # checked before its members are counted
            members = _resolved(ctx, ids, owner="", label=text(row.get("slug")))
            record = curated_record(row, members, featured=bool(row.get("is_featured")))
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add("", where, record, _curated_members_done(ctx, members))
    batcher.close()


def _member_rows(source: Source) -> dict[str, list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    order = ("collection_id", "display_order", "added_at", "id")
    for row in source.rows("collection_members", order_by=order):
        members[text(row.get("collection_id"))].append(text(row.get("score_id")))
    return members


def _members_batcher(ctx: ImportContext, source: Source) -> Batcher:
    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return scores.members_import(records=records, dry_run=ctx.dry_run)

    report = ctx.report.table("collection_members", kept_means=CURATED_KEPT)
    return Batcher(ctx, report, write, source.count("collection_members"))


def _personal_members_done(members: list[Member], batcher: Batcher):
    """A user's collection written (or found): its members follow, in their own batches."""

    def done(outcome: tuple[str, str]) -> None:
        for where, score_id in members:
            if outcome[0] == "failed":
                batcher.report.failed(where, "its collection was not imported")
            else:
                batcher.add("", where, scores.MemberRecord(outcome[1], score_id))

    return done


def _collection_item(row: dict[str, Any], ctx: ImportContext, ids: list[str], members: Batcher):
    """(group, record, done) of one `user_collections` row."""
    label = text(row.get("id"))
    if text(row.get("user_id")) in PLATFORM_USERS:
        _named(row)  # checked before its members are counted
        resolved = _resolved(ctx, ids, owner="", label=label)
        record = curated_record(row, resolved, featured=bool(row.get("featured_at")))
        return "platform", record, _curated_members_done(ctx, resolved)
    owner = ctx.users.resolve(text(row.get("user_id")))
    record = user_collection_record(row, owner)
    resolved = _resolved(ctx, ids, owner=owner, label=label)
    return owner, record, _personal_members_done(resolved, members)


def import_user_collections(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("user_collections", kept_means=CURATED_KEPT)
    member_rows, members = _member_rows(source), _members_batcher(ctx, source)

    def write(group: str, records: list[Any]) -> list[tuple[str, str]]:
        if group == "platform":
            return _write_curated(ctx, records)
        return scores.user_collections_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("user_collections"))
    for row in source.rows("user_collections", order_by=("user_id", "display_order", "created_at")):
        report.read += 1
        where = ctx.where("user_collections", text(row.get("id")), row.get("user_id"))
        try:
            ids = _member_ids(row, member_rows)
            group, record, done = _collection_item(row, ctx, ids, members)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add(group, where, record, done)
    batcher.close()
    members.close()


def import_favorites(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("user_score_favorites")

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return scores.favorites_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("user_score_favorites"))
    for row in source.rows("user_score_favorites", order_by=("user_id", "created_at", "id")):
        report.read += 1
        where = ctx.where("user_score_favorites", text(row.get("score_id")), row.get("user_id"))
        try:
            user_id = ctx.users.resolve(text(row.get("user_id")))
            our_id = ctx.scores.our_id(text(row.get("score_id")))
            if our_id is None:
                raise RowError("its score was not imported")
            our_id = ctx.accept_score_id(user_id=user_id, score_id=our_id)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        record = scores.FavoriteRecord(
            user_id=user_id, score_id=our_id, created_at=row_times(row)[0]
        )
        batcher.add("", where, record)
    batcher.close()
